import { randomBytes, randomUUID } from 'node:crypto';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** `key-` and 24 random lowercase letters or digits, like the API's instance keys (API reference §5.1). */
const instanceKeyId = () => {
    const bytes = randomBytes(24);
    let s = 'key-';
    for (const b of bytes)
        s += ALPHABET.charAt(b % 36); // 256 % 36 leaves a bias of < 1 %: ids need uniqueness, not secrecy
    return s;
};
export const randomIds = {
    keyId: instanceKeyId,
    versionId: randomUUID,
    eventId: randomUUID,
    requestId: randomUUID,
};
