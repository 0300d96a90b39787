import pkcs11js from 'pkcs11js';
import { internalFailure } from "../../../domain/errors.js";
// pkcs11js throws Pkcs11Error with a numeric `code` and `message = 'CKR_…'`; C_SetAttributeValue throws a plain
// Error('CKR_ATTRIBUTE_READ_ONLY:16') without a code (platform notes §1.4 pitfall 9), so the message is parsed too.
const NAMES = new Map(Object.entries(pkcs11js).filter(([k, v]) => k.startsWith('CKR_') && typeof v === 'number').map(([k, v]) => [v, k]));
export const ckrCode = (e) => {
    if (typeof e !== 'object' || e === null)
        return undefined;
    const code = e.code;
    if (typeof code === 'number')
        return code;
    const message = e.message;
    if (typeof message !== 'string')
        return undefined;
    const m = /^(CKR_[A-Z_0-9]+)(?::(\d+))?/.exec(message);
    if (!m)
        return undefined;
    if (m[2] !== undefined)
        return Number(m[2]);
    const named = pkcs11js[m[1] ?? ''];
    return typeof named === 'number' ? named : undefined;
};
export const ckrName = (e) => {
    const code = ckrCode(e);
    if (code !== undefined)
        return NAMES.get(code) ?? `CKR_0x${code.toString(16)}`;
    return e instanceof Error ? e.name : 'unknown error';
};
export const isCkr = (e, ...codes) => {
    const code = ckrCode(e);
    return code !== undefined && codes.includes(code);
};
/**
 * Token trouble. Only the CKR name and what we were doing go into the message: never a PIN, a label's material
 * or a buffer.
 */
export const tokenFailure = (doing, e) => internalFailure(`The hardware security module failed while ${doing} (${ckrName(e)}).`);
