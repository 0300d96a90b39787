import { open, seal } from "../sealed-box.js";
const AAD_LABEL_V1 = 'keyledger/access-key-secret/v1';
const AAD_LABEL = 'keyledger/access-key-secret/v2';
export const secretAad = (accessKeyId, principal, status) => Buffer.from(`${AAD_LABEL}\u0000${accessKeyId}\u0000${principal}\u0000${status}`, 'utf8');
/** Rows sealed before the status was bound: read once at open to be sealed again under `secretAad`. */
export const legacySecretAad = (accessKeyId, principal) => Buffer.from(`${AAD_LABEL_V1}\u0000${accessKeyId}\u0000${principal}`, 'utf8');
export const sealSecret = (rootKey, aad, secret) => seal(rootKey, Buffer.from(secret, 'utf8'), aad);
/** undefined when the tag does not verify: another root key, or the row was altered. */
export const openSecret = (rootKey, aad, s) => open(rootKey, s, aad)?.toString('utf8');
