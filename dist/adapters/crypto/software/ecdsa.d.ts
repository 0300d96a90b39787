import { type KeyObject } from 'node:crypto';
export type EcCurveName = 'prime256v1' | 'secp256k1';
export interface EcdsaKeyPair {
    readonly curve: EcCurveName;
    /** The private scalar d, 32 bytes big-endian. */
    readonly secretKey: Uint8Array;
    /** The public point, SEC 1 uncompressed (0x04 ‖ x ‖ y). */
    readonly publicKey: Uint8Array;
}
/** SEC 1 uncompressed point of a node EC public (or private) key. */
export declare const publicKeyBytesOf: (key: KeyObject) => Uint8Array;
/** The pair noble needs, from a node private key parsed from the vault's PKCS#8. */
export declare const ecdsaKeyPairOf: (curve: EcCurveName, privateKey: KeyObject) => EcdsaKeyPair;
/**
 * Signs a digest; returns the DER `ECDSA-Sig-Value` (low-S). The scalar multiplication k·G, the costly part, runs
 * in OpenSSL through node:crypto's ECDH (`setPrivateKey` computes the public point k·G, constant-time for these
 * curves), which is ~5x faster than pure JS; node:crypto has no sign-a-digest call for EC keys. The nonce k is
 * hedged: HMAC-SHA-256 keyed by the private scalar over fresh randomness and the digest (48 bytes, reduced), so a
 * bad RNG alone cannot repeat k across messages. k⁻¹ is computed blinded (k·b)⁻¹·b with a random b, so the
 * inversion's timing says nothing about k. Checked against noble's verifier and node:crypto's in the specs.
 */
export declare const ecdsaSignDigest: (key: EcdsaKeyPair, digest: Buffer) => Buffer;
/** Verifies a DER signature over a digest; false for every malformed input (signature, key or digest). */
export declare const ecdsaVerifyDigest: (curve: EcCurveName, publicKey: Uint8Array, digest: Buffer, signature: Buffer) => boolean;
