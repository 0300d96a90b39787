import { createHash, timingSafeEqual } from 'node:crypto';
// RSAES-OAEP decoding (RFC 8017 §7.1.2 step 3) for the SHA-256 variant that SoftHSM 2.6.1 refuses
// (CKR_ARGUMENTS_BAD, platform notes §1.3): the token does the private operation with CKM_RSA_X_509 and only the
// encoded message comes out. Every check runs over every byte and folds into one flag, so the time taken does not
// say which check failed (Manger's attack needs that distinction); the caller answers one error for all of them.
const mgf1 = (seed, length, hash, hLen) => {
    const out = Buffer.alloc(Math.ceil(length / hLen) * hLen);
    const counter = Buffer.alloc(4);
    for (let i = 0; i * hLen < length; i++) {
        counter.writeUInt32BE(i);
        createHash(hash).update(seed).update(counter).digest().copy(out, i * hLen);
    }
    return out.subarray(0, length);
};
/** 1 when x == 0, else 0, for 0 ≤ x ≤ 255, without a branch. */
const isZero = (x) => (x - 1) >>> 31;
export const oaepDecode = (em, hash, label = Buffer.alloc(0)) => {
    const hLen = hash === 'sha256' ? 32 : 20;
    const k = em.length;
    if (k < 2 * hLen + 2)
        return null;
    const lHash = createHash(hash).update(label).digest();
    const maskedSeed = em.subarray(1, 1 + hLen);
    const maskedDb = em.subarray(1 + hLen);
    const seed = Buffer.alloc(hLen);
    const seedMask = mgf1(maskedDb, hLen, hash, hLen);
    for (let i = 0; i < hLen; i++)
        seed[i] = (maskedSeed[i] ?? 0) ^ (seedMask[i] ?? 0);
    const dbMask = mgf1(seed, k - hLen - 1, hash, hLen);
    const db = Buffer.alloc(k - hLen - 1);
    for (let i = 0; i < db.length; i++)
        db[i] = (maskedDb[i] ?? 0) ^ (dbMask[i] ?? 0);
    let bad = 1 - isZero(em[0] ?? 1); // Y must be 0
    bad |= timingSafeEqual(db.subarray(0, hLen), lHash) ? 0 : 1;
    let found = 0;
    let index = 0;
    for (let i = hLen; i < db.length; i++) {
        const b = db[i] ?? 0;
        const one = isZero(b ^ 1);
        const before = found ^ 1;
        index |= -(one & before) & i;
        bad |= before & (1 - one) & (1 - isZero(b)); // PS is zeros up to the first 0x01
        found |= one;
    }
    bad |= found ^ 1;
    return bad === 0 ? Buffer.from(db.subarray(index + 1)) : null;
};
