import pkcs11js from 'pkcs11js';
import { ckrCode } from "./errors.js";
const loaded = new Map();
export const acquireModule = (modulePath) => {
    const known = loaded.get(modulePath);
    if (known) {
        known.users++;
        return known.p11;
    }
    const p11 = new pkcs11js.PKCS11();
    p11.load(modulePath);
    let owner = true;
    try {
        // CKF_OS_LOCKING_OK: the *Async calls run on the libuv threadpool; with NULL args SoftHSM disables its
        // mutexes (pitfall 6).
        p11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    }
    catch (e) {
        if (ckrCode(e) !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            try {
                p11.close();
            }
            catch { /* the load error is the one to report */ }
            throw e;
        }
        owner = false;
    }
    loaded.set(modulePath, { p11, owner, users: 1 });
    return p11;
};
export const releaseModule = (modulePath) => {
    const known = loaded.get(modulePath);
    if (!known)
        return;
    known.users--;
    if (known.users > 0)
        return;
    loaded.delete(modulePath);
    if (known.owner) {
        try {
            known.p11.C_Finalize();
        }
        catch { /* already finalised: nothing left to end */ }
    }
    try {
        known.p11.close();
    }
    catch { /* unloading is best effort at shutdown */ }
};
