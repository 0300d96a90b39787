import { createECDH, createHmac, randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { invert } from '@noble/curves/abstract/modular.js';
import { bigintToBuffer, bufferToBigint, encodeSignature } from "./der.js";
const CURVES = { prime256v1: p256, secp256k1 };
const jwkBytes = (b64url) => Buffer.from(b64url ?? '', 'base64url');
/** SEC 1 uncompressed point of a node EC public (or private) key. */
export const publicKeyBytesOf = (key) => {
    const jwk = key.export({ format: 'jwk' });
    return Buffer.concat([Buffer.from([0x04]), jwkBytes(jwk.x), jwkBytes(jwk.y)]);
};
/** The pair noble needs, from a node private key parsed from the vault's PKCS#8. */
export const ecdsaKeyPairOf = (curve, privateKey) => {
    const jwk = privateKey.export({ format: 'jwk' });
    const d = jwkBytes(jwk.d);
    // JWK gives d at the curve's full length (RFC 7518 §6.2.2.1); pad defensively all the same.
    const secretKey = d.length === 32 ? d : Buffer.concat([Buffer.alloc(Math.max(0, 32 - d.length)), d]).subarray(-32);
    return { curve, secretKey, publicKey: publicKeyBytesOf(privateKey) };
};
/** The group orders (SEC 2 §2.4.1, §2.4.2 / FIPS 186-4 D.1.2.3). */
const ORDER = {
    prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    secp256k1: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
};
const ECDH = {};
const mod = (a, n) => ((a % n) + n) % n;
/** A scalar in [1, n−1] from 48 bytes (FIPS 186-4 B.5.1: 128 extra bits make the bias negligible). */
const scalarFrom = (bytes, n) => mod(bufferToBigint(bytes), n - 1n) + 1n;
/**
 * Signs a digest; returns the DER `ECDSA-Sig-Value` (low-S). The scalar multiplication k·G, the costly part, runs
 * in OpenSSL through node:crypto's ECDH (`setPrivateKey` computes the public point k·G, constant-time for these
 * curves), which is ~5x faster than pure JS; node:crypto has no sign-a-digest call for EC keys. The nonce k is
 * hedged: HMAC-SHA-256 keyed by the private scalar over fresh randomness and the digest (48 bytes, reduced), so a
 * bad RNG alone cannot repeat k across messages. k⁻¹ is computed blinded (k·b)⁻¹·b with a random b, so the
 * inversion's timing says nothing about k. Checked against noble's verifier and node:crypto's in the specs.
 */
export const ecdsaSignDigest = (key, digest) => {
    const n = ORDER[key.curve];
    const d = bufferToBigint(Buffer.from(key.secretKey));
    const z = bufferToBigint(digest);
    const ecdh = (ECDH[key.curve] ??= createECDH(key.curve)); // synchronous use only: one per curve is enough
    for (;;) {
        const entropy = randomBytes(32);
        const mac = (label) => createHmac('sha256', key.secretKey).update(Buffer.from([label])).update(entropy).update(digest).digest();
        const k = scalarFrom(Buffer.concat([mac(1), mac(2)]).subarray(0, 48), n);
        ecdh.setPrivateKey(bigintToBuffer(k, 32));
        const point = ecdh.getPublicKey();
        const r = mod(bufferToBigint(point.subarray(1, 33)), n);
        if (r === 0n)
            continue;
        const b = scalarFrom(randomBytes(48), n);
        const kInv = mod(invert(mod(k * b, n), n) * b, n);
        let s = mod(kInv * mod(z + r * d, n), n);
        if (s === 0n)
            continue;
        if (s > n >> 1n)
            s = n - s;
        return encodeSignature(r, s);
    }
};
/** Verifies a DER signature over a digest; false for every malformed input (signature, key or digest). */
export const ecdsaVerifyDigest = (curve, publicKey, digest, signature) => {
    try {
        return CURVES[curve].verify(signature, digest, publicKey, { prehash: false, lowS: false, format: 'der' });
    }
    catch {
        return false;
    }
};
