import { type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
export declare const SM2_SIGNER_ID = "1234567812345678";
export declare const SM2_MAX_PLAINTEXT = 6047;
export interface Sm2CurveParams {
    readonly p: bigint;
    readonly a: bigint;
    readonly b: bigint;
    readonly n: bigint;
    readonly Gx: bigint;
    readonly Gy: bigint;
}
export interface Sm2Curve {
    readonly params: Sm2CurveParams;
    readonly Point: WeierstrassPointCons<bigint>;
    readonly bytes: number;
}
export declare const sm2Curve: (params: Sm2CurveParams) => Sm2Curve;
/** The recommended curve sm2p256v1 (GB/T 32918.5). */
export declare const SM2_P256: Sm2Curve;
export interface Sm2Keys {
    readonly privateKeyHex: string;
    readonly publicKeyHex: string;
}
export declare const sm2PublicKeyDer: (publicKeyHex: string) => Buffer;
export declare const sm2PublicKeyPem: (publicKeyHex: string) => string;
/** The point of an uncompressed 04‖x‖y public key, validated on the curve; undefined otherwise. */
export declare const sm2PublicPoint: (publicKeyHex: string, curve?: Sm2Curve) => WeierstrassPoint<bigint> | undefined;
/** The 04‖x‖y point of an SM2 SubjectPublicKeyInfo (a valid point on the curve), or undefined when it is not one. */
export declare const sm2PointFromSpki: (spki: Buffer) => string | undefined;
export declare const sm2PublicKeyOf: (privateKeyHex: string, curve?: Sm2Curve) => string;
/**
 * The private scalar and public point from a PKCS#8 DER SM2 key (RFC 5915 ECPrivateKey inside). Parsed by
 * hand: Node 20 aborts the process when asked to export a re-imported SM2 key as SEC1 (seen on this machine).
 */
export declare const sm2KeysFromPkcs8: (pkcs8: Buffer) => Sm2Keys | undefined;
/** A source of nonces k for one signature: called again when a k gives r = 0, r + k = n or s = 0. */
export type NonceSource = (attempt: (k: bigint) => {
    r: bigint;
    s: bigint;
} | undefined) => {
    r: bigint;
    s: bigint;
};
/**
 * GB/T 32918.2 §6.1 steps A3–A7 over a given e: r = (e + x1) mod n, s = (1 + d)⁻¹ (k − r·d) mod n.
 * Exported with its nonce source so the standard's examples (fixed k) can be checked; production signs through
 * `sm2SignDigest`, whose nonces are hedged deterministic.
 */
export declare const sm2SignWith: (curve: Sm2Curve, d: bigint, digest: Uint8Array, nonces: NonceSource) => {
    r: bigint;
    s: bigint;
};
export declare const sm2SignDigest: (keys: Sm2Keys, digest: Buffer) => Buffer;
/** GB/T 32918.2 §7.1: false for every malformed input (signature, key or digest). */
export declare const sm2VerifyDigest: (publicKeyHex: string, digest: Buffer, signature: Buffer, curve?: Sm2Curve) => boolean;
/** The SM2 Z value (GB/T 32918.2 §5.5): SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
export declare const sm2Z: (publicKeyHex: string, id?: string, curve?: Sm2Curve) => Buffer;
/** The SM2 message digest, SM3(Z‖M), as a caller computes the AsymmetricSign digest. */
export declare const sm2MessageDigest: (publicKeyHex: string, message: Buffer, id?: string, curve?: Sm2Curve) => Buffer;
/** GB/T 32918.4 §6.1 with the ephemeral k given (the standard's examples) or from node:crypto; DER C1C3C2. */
export declare const sm2EncryptWith: (curve: Sm2Curve, publicKeyHex: string, plaintext: Buffer, k?: bigint) => Buffer;
export declare const sm2Encrypt: (publicKeyHex: string, plaintext: Buffer) => Buffer;
/** GB/T 32918.4 §7.1; undefined for any malformed or forged ciphertext (one answer for every failure). */
export declare const sm2DecryptWith: (curve: Sm2Curve, privateKeyHex: string, ciphertext: Buffer) => Buffer | undefined;
export declare const sm2Decrypt: (keys: Sm2Keys, ciphertext: Buffer) => Buffer | undefined;
