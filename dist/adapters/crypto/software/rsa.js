import { constants, createHash, createHmac, privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, randomBytes, timingSafeEqual } from 'node:crypto';
// RSA over node:crypto. Signatures are made over a digest the caller already computed (AsymmetricSign takes
// `Digest`), which node:crypto cannot do for PSS or PKCS#1 v1.5 (it always hashes): so the encodings are built
// here (EMSA-PKCS1-v1_5 and EMSA-PSS of RFC 8017 §9) and the RSA primitive is OpenSSL's, through raw
// (`RSA_NO_PADDING`) private and public operations. OpenSSL blinds the private operation.
// Verification re-encodes and compares (RFC 8017 §8.2.2), which refuses every malformed padding by construction.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const HLEN = 32;
export const PSS_SALT_LENGTH = 32; // RSA_PSS_SHA_256 as Alibaba uses it: salt = digest length
export const modulusBytes = (key) => Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
const modulusBits = (key) => key.asymmetricKeyDetails?.modulusLength ?? 0;
const rawPrivate = (key, em) => privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, em);
const rawPublic = (key, sig) => {
    try {
        return publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, sig); // OpenSSL refuses sig ≥ n
    }
    catch {
        return undefined;
    }
};
const pkcs1Encode = (digest, k) => {
    const t = Buffer.concat([SHA256_DIGEST_INFO, digest]);
    if (digest.length !== HLEN || k < t.length + 11)
        return undefined;
    return Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(k - t.length - 3, 0xff), Buffer.from([0]), t]);
};
export const pkcs1SignDigest = (key, digest) => {
    const em = pkcs1Encode(digest, modulusBytes(key));
    return em && rawPrivate(key, em);
};
export const pkcs1VerifyDigest = (key, digest, signature) => {
    const k = modulusBytes(key);
    const expected = pkcs1Encode(digest, k);
    if (!expected || signature.length !== k)
        return false;
    const em = rawPublic(key, signature);
    return em !== undefined && em.length === k && timingSafeEqual(em, expected);
};
const sha256 = (...parts) => {
    const h = createHash('sha256');
    for (const p of parts)
        h.update(p);
    return h.digest();
};
/** MGF1 with SHA-256 (RFC 8017 B.2.1). */
export const mgf1 = (seed, length, hash = 'sha256') => {
    const out = [];
    for (let counter = 0, produced = 0; produced < length; counter++) {
        const c = Buffer.alloc(4);
        c.writeUInt32BE(counter);
        const block = createHash(hash).update(seed).update(c).digest();
        out.push(block);
        produced += block.length;
    }
    return Buffer.concat(out).subarray(0, length);
};
export const pssSignDigest = (key, digest) => {
    if (digest.length !== HLEN)
        return undefined;
    const emBits = modulusBits(key) - 1;
    const emLen = Math.ceil(emBits / 8);
    if (emLen < HLEN + PSS_SALT_LENGTH + 2)
        return undefined;
    const salt = randomBytes(PSS_SALT_LENGTH);
    const h = sha256(Buffer.alloc(8), digest, salt);
    const db = Buffer.concat([Buffer.alloc(emLen - PSS_SALT_LENGTH - HLEN - 2), Buffer.from([1]), salt]);
    const mask = mgf1(h, db.length);
    for (let i = 0; i < db.length; i++)
        db[i] ^= mask[i];
    db[0] &= 0xff >> (8 * emLen - emBits);
    const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
    const k = modulusBytes(key);
    return rawPrivate(key, Buffer.concat([Buffer.alloc(k - emLen), em]));
};
export const pssVerifyDigest = (key, digest, signature) => {
    const k = modulusBytes(key);
    if (digest.length !== HLEN || signature.length !== k)
        return false;
    const m = rawPublic(key, signature);
    if (!m || m.length !== k)
        return false;
    const emBits = modulusBits(key) - 1;
    const emLen = Math.ceil(emBits / 8);
    if (m.subarray(0, k - emLen).some((b) => b !== 0))
        return false;
    const em = m.subarray(k - emLen);
    if (emLen < HLEN + PSS_SALT_LENGTH + 2 || em[emLen - 1] !== 0xbc)
        return false;
    const maskedDb = em.subarray(0, emLen - HLEN - 1);
    const h = em.subarray(emLen - HLEN - 1, emLen - 1);
    const topMask = 0xff >> (8 * emLen - emBits);
    if ((maskedDb[0] & ~topMask) !== 0)
        return false;
    const db = Buffer.from(maskedDb);
    const mask = mgf1(h, db.length);
    for (let i = 0; i < db.length; i++)
        db[i] ^= mask[i];
    db[0] &= topMask;
    const psLen = emLen - HLEN - PSS_SALT_LENGTH - 2;
    if (db.subarray(0, psLen).some((b) => b !== 0) || db[psLen] !== 1)
        return false;
    const salt = db.subarray(db.length - PSS_SALT_LENGTH);
    return timingSafeEqual(sha256(Buffer.alloc(8), digest, salt), h);
};
/** The largest plaintext RSAES-OAEP takes: k − 2·hLen − 2 (190/214 bytes for RSA_2048, API reference §5.7). */
export const oaepMaxPlaintext = (key, hash) => modulusBytes(key) - 2 * (hash === 'sha256' ? 32 : 20) - 2;
export const oaepEncrypt = (key, hash, plaintext) => publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, plaintext);
/** undefined for every invalid ciphertext: one answer, whatever the cause, so there is no padding oracle. */
export const oaepDecrypt = (key, hash, ciphertext) => {
    if (ciphertext.length !== modulusBytes(key))
        return undefined;
    try {
        return privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, ciphertext);
    }
    catch {
        return undefined;
    }
};
/**
 * RSAES-PKCS1-v1_5 decryption with implicit rejection, only for BYOK import wrapping (RSAES_PKCS1_V1_5, API
 * reference §5.11). Node 20 refuses `RSA_PKCS1_PADDING` for private decryption (CVE-2023-46809, Marvin), so the
 * padding is checked here after a raw decryption — and a padding failure must not be observable (Bleichenbacher):
 * on any failure the answer is a synthetic message derived from the private key and the ciphertext (HMAC-SHA256,
 * as draft-irtf-cfrg-rsa-guidance "implicit rejection" and OpenSSL 3.2 do), so a bad ciphertext looks like a
 * good one carrying other material. The same ciphertext always gives the same answer.
 *
 * `expectedBytes` (the key spec's material length, when fixed) makes the padding check positional: a message of
 * another length counts as a padding failure too, and the answer always has that length. Without it, the
 * separator is searched over every byte and the synthetic length is drawn as the draft says. The checks run
 * over every byte with no early return (as far as JS allows: no data-dependent branch before the final select).
 * `undefined` only for a ciphertext of the wrong length or one ≥ n, which the caller learns nothing from.
 */
export const pkcs1v15Decrypt = (key, ciphertext, expectedBytes) => {
    const k = modulusBytes(key);
    if (ciphertext.length !== k)
        return undefined;
    let em;
    try {
        em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, ciphertext);
    }
    catch {
        return undefined; // c ≥ n: public knowledge, not a padding oracle
    }
    if (em.length !== k)
        return undefined;
    const kdk = implicitRejectionKey(key, ciphertext, k);
    const synthetic = prf(kdk, 'message', k);
    if (expectedBytes !== undefined && expectedBytes > 0 && expectedBytes <= k - 11) {
        const sep = k - expectedBytes - 1;
        let bad = em[0] | (em[1] ^ 2) | em[sep];
        for (let i = 2; i < sep; i++)
            bad |= isZero(em[i]); // every padding byte non-zero
        const keep = ctMask(bad); // 0xff when the padding is good
        const out = Buffer.alloc(expectedBytes);
        for (let i = 0; i < expectedBytes; i++)
            out[i] = (em[sep + 1 + i] & keep) | (synthetic[k - expectedBytes + i] & ~keep & 0xff);
        em.fill(0);
        return out;
    }
    // Free length: the first zero after the 0x00 0x02 header, found without stopping early.
    let found = 0;
    let sepIndex = 0;
    for (let i = 2; i < k; i++) {
        const zero = isZero(em[i]) & ~found & 1;
        sepIndex |= -zero & i;
        found |= zero;
    }
    const bad = em[0] | (em[1] ^ 2) | (found ^ 1) | (sepIndex < 10 ? 1 : 0);
    const good = ctMask(bad);
    const goodAll = -(good & 1); // -1 (every bit) when good, else 0
    const realLength = k - sepIndex - 1;
    const syntheticLength = syntheticMessageLength(kdk, k);
    const length = (realLength & goodAll) | (syntheticLength & ~goodAll);
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++)
        out[i] = (em[k - length + i] & good) | (synthetic[k - length + i] & ~good & 0xff);
    em.fill(0);
    return out;
};
/** 1 when the byte is zero, else 0, without a branch. */
const isZero = (b) => ((b - 1) >>> 8) & 1;
/** 0xff when `bad` is 0, else 0. */
const ctMask = (bad) => (((bad | -bad) >>> 31) - 1) & 0xff;
/** KDK = HMAC-SHA256(SHA-256(I2OSP(d, k)), C) (draft-irtf-cfrg-rsa-guidance §7.2). */
const implicitRejectionKey = (key, ciphertext, k) => createHmac('sha256', implicitRejectionSecret(key, k)).update(ciphertext).digest();
/** SHA-256(I2OSP(d, k)), once per key object: one private-key export per wrapping key, not one per import. */
const rejectionSecrets = new WeakMap();
const implicitRejectionSecret = (key, k) => {
    const known = rejectionSecrets.get(key);
    if (known)
        return known;
    const d = Buffer.from(key.export({ format: 'jwk' }).d ?? '', 'base64url');
    const dk = Buffer.concat([Buffer.alloc(Math.max(0, k - d.length)), d]);
    const secret = createHash('sha256').update(dk).digest();
    d.fill(0);
    dk.fill(0);
    rejectionSecrets.set(key, secret);
    return secret;
};
/** PRF(KDK, label, length): HMAC-SHA256 in counter mode, I2OSP(i, 2) ‖ label ‖ I2OSP(bits, 2). */
const prf = (kdk, label, bytes) => {
    const bits = Buffer.alloc(2);
    bits.writeUInt16BE((bytes * 8) & 0xffff);
    const blocks = [];
    for (let i = 0; blocks.length * 32 < bytes; i++) {
        const counter = Buffer.alloc(2);
        counter.writeUInt16BE(i);
        blocks.push(createHmac('sha256', kdk).update(counter).update(label).update(bits).digest());
    }
    return Buffer.concat(blocks).subarray(0, bytes);
};
/** The draft's synthetic length: the last of 128 masked 16-bit candidates below k − 2 − 8. */
const syntheticMessageLength = (kdk, k) => {
    const candidates = prf(kdk, 'length', 256);
    const max = k - 2 - 8;
    let mask = 1;
    while (mask < max)
        mask = (mask << 1) | 1;
    let length = 0;
    for (let i = 0; i < 256; i += 2) {
        const c = candidates.readUInt16BE(i) & mask;
        const below = ((c - max) >>> 31) & 1;
        length = (length & ~-below) | (c & -below);
    }
    return length;
};
