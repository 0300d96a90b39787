import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invertCt, mod } from '@noble/curves/abstract/modular.js';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE, createHmacDrbg, numberToBytesBE } from '@noble/curves/utils.js';
import { derInteger, derOctetString, derSequence, parseSequence, parseUnsignedInteger, readTlv } from "./der.js";
// SM2 (GB/T 32918) on @noble/curves' short-Weierstrass points, with hashes and randomness from node:crypto
// (issue 13, item 7: sm-crypto's pure-JS arithmetic took its nonces from an RC4-based generator, and a biased or
// repeated nonce of this ECDSA-family scheme gives the private key away). node:crypto on Node 20 can neither make
// a real SM2 signature with the standard signer id nor SM2-encrypt (platform notes §2), so:
// - Scalar multiplication is noble's (constant-time ladder with precomputed windows, audited); scalars mod n go
//   through noble's `invertCt` (Fermat, no secret-dependent branch). Points read from outside are validated.
// - Signing nonces: RFC 6979's HMAC-DRBG (HMAC-SHA256, node:crypto) seeded with d ‖ e ‖ 32 fresh random bytes,
//   as the ECDSA path does (`extraEntropy: true`): deterministic enough that a broken RNG alone does not leak d,
//   random enough that faults on a fixed input do not either.
// - Encryption's ephemeral k: node:crypto's CSPRNG, rejection-sampled into [1, n-1].
// - SM2DSA: the API's Digest is already e = SM3(Z‖M) with Z over the GM/T 0009 default signer id
//   `1234567812345678` (API reference §5.7); signatures are DER.
// - SM2PKE: ciphertexts are the GB/T 35276 / GM/T 0009 ASN.1 DER form of C1C3C2:
//   SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3 (SM3, 32 bytes), OCTET STRING C2 }. Alibaba does not
//   document its byte layout; DER C1C3C2 is the national standard and what other Chinese cloud KMSs take.
// Checked against the GB/T 32918 examples (spec/vectors/sm2-gbt32918.json) and sm-crypto's verify and decrypt.
export const SM2_SIGNER_ID = '1234567812345678';
export const SM2_MAX_PLAINTEXT = 6047; // API reference §5.7
export const sm2Curve = (params) => ({ params, Point: weierstrass({ ...params, h: 1n }), bytes: Math.ceil(params.p.toString(16).length / 2) });
/** The recommended curve sm2p256v1 (GB/T 32918.5). */
export const SM2_P256 = sm2Curve({
    p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
    a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
    b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
    n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
    Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
    Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});
const sm3 = (...parts) => {
    const h = createHash('sm3');
    for (const p of parts)
        h.update(p);
    return h.digest();
};
/** SubjectPublicKeyInfo prefix for id-ecPublicKey on the SM2 curve (1.2.156.10197.1.301), before 04‖x‖y. */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
export const sm2PublicKeyDer = (publicKeyHex) => Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]);
export const sm2PublicKeyPem = (publicKeyHex) => `-----BEGIN PUBLIC KEY-----\n${sm2PublicKeyDer(publicKeyHex).toString('base64').match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----\n`;
/** The point of an uncompressed 04‖x‖y public key, validated on the curve; undefined otherwise. */
export const sm2PublicPoint = (publicKeyHex, curve = SM2_P256) => {
    try {
        const bytes = Buffer.from(publicKeyHex, 'hex');
        if (bytes.length !== 1 + 2 * curve.bytes || bytes[0] !== 0x04)
            return undefined;
        const P = curve.Point.fromBytes(bytes);
        P.assertValidity();
        return P.is0() ? undefined : P;
    }
    catch {
        return undefined;
    }
};
/** The 04‖x‖y point of an SM2 SubjectPublicKeyInfo (a valid point on the curve), or undefined when it is not one. */
export const sm2PointFromSpki = (spki) => {
    if (spki.length !== SM2_SPKI_PREFIX.length + 65 || !spki.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX))
        return undefined;
    const hex = spki.subarray(SM2_SPKI_PREFIX.length).toString('hex');
    return sm2PublicPoint(hex) ? hex : undefined;
};
export const sm2PublicKeyOf = (privateKeyHex, curve = SM2_P256) => Buffer.from(curve.Point.BASE.multiply(BigInt('0x' + privateKeyHex)).toBytes(false)).toString('hex');
/**
 * The private scalar and public point from a PKCS#8 DER SM2 key (RFC 5915 ECPrivateKey inside). Parsed by
 * hand: Node 20 aborts the process when asked to export a re-imported SM2 key as SEC1 (seen on this machine).
 */
export const sm2KeysFromPkcs8 = (pkcs8) => {
    const info = parseSequence(pkcs8);
    const inner = info?.[2];
    if (!inner || inner.tag !== 0x04)
        return undefined;
    const ec = parseSequence(inner.value);
    const d = ec?.[1];
    if (!d || d.tag !== 0x04 || d.value.length !== 32)
        return undefined;
    const scalar = bytesToNumberBE(d.value);
    if (scalar <= 0n || scalar >= SM2_P256.params.n - 1n)
        return undefined; // d = n-1 has no (1+d)⁻¹
    const privateKeyHex = d.value.toString('hex');
    let publicKeyHex;
    for (const item of ec.slice(2)) {
        if (item.tag === 0xa1) {
            const bits = readTlv(item.value, 0);
            if (bits && bits.tag === 0x03 && bits.value.length === 66)
                publicKeyHex = bits.value.subarray(1).toString('hex');
        }
    }
    return { privateKeyHex, publicKeyHex: publicKeyHex ?? sm2PublicKeyOf(privateKeyHex) };
};
/**
 * GB/T 32918.2 §6.1 steps A3–A7 over a given e: r = (e + x1) mod n, s = (1 + d)⁻¹ (k − r·d) mod n.
 * Exported with its nonce source so the standard's examples (fixed k) can be checked; production signs through
 * `sm2SignDigest`, whose nonces are hedged deterministic.
 */
export const sm2SignWith = (curve, d, digest, nonces) => {
    const { n } = curve.params;
    if (d <= 0n || d >= n - 1n)
        throw new Error('SM2 private key out of range');
    const e = bytesToNumberBE(digest);
    const inv = invertCt(1n + d, n);
    return nonces((k) => {
        if (k <= 0n || k >= n)
            return undefined;
        const x1 = curve.Point.BASE.multiply(k).toAffine().x;
        const r = mod(e + x1, n);
        if (r === 0n || r + k === n)
            return undefined;
        const s = mod(inv * mod(k - r * d, n), n);
        return s === 0n ? undefined : { r, s };
    });
};
/** RFC 6979 §3.2 HMAC-DRBG (HMAC-SHA256 from node:crypto) seeded with d ‖ e ‖ fresh randomness; candidates k are bits2int of each output. */
const hedgedNonces = (curve, d, digest) => (attempt) => {
    const drbg = createHmacDrbg(32, curve.bytes, (key, ...msgs) => {
        const h = createHmac('sha256', key);
        for (const m of msgs)
            h.update(m);
        return h.digest();
    });
    const e = mod(bytesToNumberBE(digest), curve.params.n);
    const seed = Buffer.concat([numberToBytesBE(d, curve.bytes), numberToBytesBE(e, curve.bytes), randomBytes(32)]);
    return drbg(seed, (bytes) => attempt(bytesToNumberBE(bytes)));
};
const randomScalar = (curve) => {
    for (;;) {
        const k = bytesToNumberBE(randomBytes(curve.bytes));
        if (k > 0n && k < curve.params.n)
            return k;
    }
};
export const sm2SignDigest = (keys, digest) => {
    const d = BigInt('0x' + keys.privateKeyHex);
    const { r, s } = sm2SignWith(SM2_P256, d, digest, hedgedNonces(SM2_P256, d, digest));
    return derSequence(derInteger(r), derInteger(s));
};
/** GB/T 32918.2 §7.1: false for every malformed input (signature, key or digest). */
export const sm2VerifyDigest = (publicKeyHex, digest, signature, curve = SM2_P256) => {
    const P = sm2PublicPoint(publicKeyHex, curve);
    const items = parseSequence(signature);
    if (!P || !items || items.length !== 2)
        return false;
    const r = parseUnsignedInteger(items[0]);
    const s = parseUnsignedInteger(items[1]);
    const { n } = curve.params;
    if (r === undefined || s === undefined || r <= 0n || r >= n || s <= 0n || s >= n)
        return false;
    if (!derSequence(derInteger(r), derInteger(s)).equals(signature))
        return false; // DER only, no BER or padding
    const t = mod(r + s, n);
    if (t === 0n)
        return false;
    const point = curve.Point.BASE.multiplyUnsafe(s).add(P.multiplyUnsafe(t)); // public inputs: variable time is fine
    if (point.is0())
        return false;
    return mod(bytesToNumberBE(digest) + point.toAffine().x, n) === r;
};
/** The SM2 Z value (GB/T 32918.2 §5.5): SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
export const sm2Z = (publicKeyHex, id = SM2_SIGNER_ID, curve = SM2_P256) => {
    const idBytes = Buffer.from(id, 'utf8');
    const entl = Buffer.from([(idBytes.length * 8) >> 8, (idBytes.length * 8) & 0xff]);
    const { a, b, Gx, Gy } = curve.params;
    const w = (x) => numberToBytesBE(x, curve.bytes);
    return sm3(entl, idBytes, w(a), w(b), w(Gx), w(Gy), Buffer.from(publicKeyHex, 'hex').subarray(1));
};
/** The SM2 message digest, SM3(Z‖M), as a caller computes the AsymmetricSign digest. */
export const sm2MessageDigest = (publicKeyHex, message, id = SM2_SIGNER_ID, curve = SM2_P256) => sm3(sm2Z(publicKeyHex, id, curve), message);
/** GB/T 32918.4 §5.4.3 KDF with SM3. */
const kdf = (z, length) => {
    const out = [];
    for (let ct = 1, got = 0; got < length; ct++, got += 32) {
        const counter = Buffer.alloc(4);
        counter.writeUInt32BE(ct);
        out.push(sm3(z, counter));
    }
    return Buffer.concat(out).subarray(0, length);
};
/** GB/T 32918.4 §6.1 with the ephemeral k given (the standard's examples) or from node:crypto; DER C1C3C2. */
export const sm2EncryptWith = (curve, publicKeyHex, plaintext, k = randomScalar(curve)) => {
    const P = sm2PublicPoint(publicKeyHex, curve);
    if (!P)
        throw new Error('not an SM2 public key');
    for (;; k = randomScalar(curve)) {
        const c1 = curve.Point.BASE.multiply(k).toAffine();
        const shared = P.multiply(k).toAffine();
        const x2 = numberToBytesBE(shared.x, curve.bytes);
        const y2 = numberToBytesBE(shared.y, curve.bytes);
        const t = kdf(Buffer.concat([x2, y2]), plaintext.length);
        if (plaintext.length > 0 && t.every((byte) => byte === 0))
            continue; // §6.1 A5: choose another k
        const c2 = Buffer.from(plaintext.map((byte, i) => byte ^ t[i]));
        const c3 = sm3(x2, plaintext, y2);
        return derSequence(derInteger(c1.x), derInteger(c1.y), derOctetString(c3), derOctetString(c2));
    }
};
export const sm2Encrypt = (publicKeyHex, plaintext) => sm2EncryptWith(SM2_P256, publicKeyHex, plaintext);
/** GB/T 32918.4 §7.1; undefined for any malformed or forged ciphertext (one answer for every failure). */
export const sm2DecryptWith = (curve, privateKeyHex, ciphertext) => {
    const items = parseSequence(ciphertext);
    if (!items || items.length !== 4)
        return undefined;
    const x = parseUnsignedInteger(items[0]);
    const y = parseUnsignedInteger(items[1]);
    const c3 = items[2];
    const c2 = items[3];
    if (x === undefined || y === undefined || c3.tag !== 0x04 || c3.value.length !== 32 || c2.tag !== 0x04 || c2.value.length === 0)
        return undefined;
    let C1;
    try {
        C1 = curve.Point.fromAffine({ x, y });
        C1.assertValidity(); // B1: on the curve (h = 1, so no small-subgroup check beyond that)
    }
    catch {
        return undefined;
    }
    const shared = C1.multiply(BigInt('0x' + privateKeyHex)).toAffine();
    const x2 = numberToBytesBE(shared.x, curve.bytes);
    const y2 = numberToBytesBE(shared.y, curve.bytes);
    const t = kdf(Buffer.concat([x2, y2]), c2.value.length);
    if (t.every((byte) => byte === 0))
        return undefined;
    const m = Buffer.from(c2.value.map((byte, i) => byte ^ t[i]));
    return timingSafeEqual(sm3(x2, m, y2), c3.value) ? m : undefined;
};
export const sm2Decrypt = (keys, ciphertext) => sm2DecryptWith(SM2_P256, keys.privateKeyHex, ciphertext);
