import pkcs11js from 'pkcs11js';
import { isCkr } from "./errors.js";
// Session states (PKCS#11 2.40 §5.5.1); pkcs11js exports no CKS_* constants.
const CKS_RO_USER_FUNCTIONS = 1;
const CKS_RW_USER_FUNCTIONS = 3;
/**
 * Sessions of one token, each lent to one operation at a time: a session holds one active operation per kind
 * (CKR_OPERATION_ACTIVE otherwise, also while an *Async call is in flight; platform notes §1.4 pitfall 5).
 * Sessions open on demand up to `max`; callers beyond that wait in order.
 *
 * Login belongs to the process, per token, and ends when the process's last session on the token closes
 * (pitfall 3). An anchor session that is never lent keeps the login alive while operation sessions come and go
 * (a session is closed, not reused, when an operation fails in a way that may leave it active).
 */
export class SessionPool {
    p11;
    slot;
    pin;
    max;
    idle = [];
    waiters = [];
    anchor = null;
    lent = 0;
    closed = false;
    /** Bumped on every (re-)login: object handles found before it are invalid (pitfall 4). */
    generation = 0;
    constructor(p11, slot, pin, max) {
        this.p11 = p11;
        this.slot = slot;
        this.pin = pin;
        this.max = max;
    }
    /** Opens the anchor session and logs the process in. Throws the Cryptoki error (e.g. CKR_PIN_INCORRECT). */
    start() {
        this.anchor = this.openSession();
        this.login();
    }
    /** Logs in again after the token reported CKR_USER_NOT_LOGGED_IN; cached object handles become stale. */
    login() {
        if (!this.anchor)
            throw new Error('session pool is not started');
        try {
            this.p11.C_Login(this.anchor, pkcs11js.CKU_USER, this.pin);
        }
        catch (e) {
            // Login is per process: another executor on the same token (or our own earlier login) already did it.
            if (!isCkr(e, pkcs11js.CKR_USER_ALREADY_LOGGED_IN))
                throw e;
        }
        this.generation++;
    }
    isLoggedIn() {
        if (!this.anchor)
            return false;
        try {
            const { state } = this.p11.C_GetSessionInfo(this.anchor);
            return state === CKS_RO_USER_FUNCTIONS || state === CKS_RW_USER_FUNCTIONS;
        }
        catch {
            return false;
        }
    }
    /**
     * After CKR_USER_NOT_LOGGED_IN or a stale handle: reopens the anchor if it was closed under us and logs in
     * again when the process is no longer logged in. Throws the Cryptoki error when that fails.
     */
    ensureLoggedIn() {
        if (this.closed)
            throw new Error('session pool is closed');
        if (this.isLoggedIn())
            return;
        try {
            if (this.anchor)
                this.p11.C_GetSessionInfo(this.anchor);
        }
        catch {
            this.anchor = this.openSession();
        }
        this.login();
    }
    get size() {
        return this.idle.length + this.lent;
    }
    async acquire() {
        if (this.closed)
            throw new Error('session pool is closed');
        const ready = this.idle.pop();
        if (ready) {
            this.lent++;
            return ready;
        }
        if (this.size < this.max) {
            const opened = this.openSession();
            this.lent++;
            return opened;
        }
        return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    release(session) {
        const next = this.waiters.shift();
        if (next && !this.closed)
            return next.resolve(session);
        this.lent--;
        if (this.closed)
            return this.closeQuietly(session);
        this.idle.push(session);
    }
    /** Closes a session that may still carry an active operation; a waiter gets a fresh one. */
    discard(session) {
        this.lent--;
        this.closeQuietly(session);
        const next = this.waiters.shift();
        if (!next)
            return;
        try {
            const opened = this.openSession();
            this.lent++;
            next.resolve(opened);
        }
        catch (e) {
            next.reject(e);
        }
    }
    async use(op) {
        const session = await this.acquire();
        let result;
        try {
            result = await op(session);
        }
        catch (e) {
            // CKR_BUFFER_TOO_SMALL and similar leave the operation active; a closed session cannot leak that state.
            this.discard(session);
            throw e;
        }
        this.release(session);
        return result;
    }
    close() {
        this.closed = true;
        for (const w of this.waiters.splice(0))
            w.reject(new Error('session pool is closed'));
        for (const s of this.idle.splice(0))
            this.closeQuietly(s);
        if (this.anchor)
            this.closeQuietly(this.anchor);
        this.anchor = null;
    }
    openSession() {
        // Without CKF_SERIAL_SESSION Cryptoki answers CKR_SESSION_PARALLEL_NOT_SUPPORTED (§1.3).
        return this.p11.C_OpenSession(this.slot, pkcs11js.CKF_RW_SESSION | pkcs11js.CKF_SERIAL_SESSION);
    }
    closeQuietly(session) {
        try {
            this.p11.C_CloseSession(session);
        }
        catch { /* already gone: nothing to release */ }
    }
}
