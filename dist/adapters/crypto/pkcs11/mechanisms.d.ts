import pkcs11js from 'pkcs11js';
type Handle = pkcs11js.Handle;
type P11 = pkcs11js.PKCS11;
export declare const GCM_IV_BYTES = 12;
export declare const GCM_TAG_BYTES = 16;
/** SoftHSM answers CKM_AES_GCM output as ciphertext ‖ tag. */
export declare const gcmEncrypt: (p11: P11, s: Handle, key: Handle, iv: Buffer, plaintext: Buffer, aad: Buffer) => {
    ciphertext: Buffer;
    tag: Buffer;
};
/** Returns null when the tag does not authenticate (SoftHSM: CKR_GENERAL_ERROR, not CKR_ENCRYPTED_DATA_INVALID). */
export declare const gcmDecrypt: (p11: P11, s: Handle, key: Handle, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer) => Buffer | null;
export type RsaSignature = 'RSA_PSS_SHA_256' | 'RSA_PKCS1_SHA_256';
export declare const rsaSign: (p11: P11, s: Handle, key: Handle, modulusBytes: number, algorithm: RsaSignature, digest: Buffer) => Promise<Buffer>;
export declare const rsaVerify: (p11: P11, s: Handle, key: Handle, algorithm: RsaSignature, digest: Buffer, signature: Buffer) => boolean;
/** CKM_ECDSA over a digest made outside: SoftHSM 2.6.1 lacks CKM_ECDSA_SHA256 (§1.3). Answers raw r ‖ s. */
export declare const ecdsaSign: (p11: P11, s: Handle, key: Handle, digest: Buffer) => Buffer;
export declare const ecdsaVerify: (p11: P11, s: Handle, key: Handle, digest: Buffer, rawSignature: Buffer) => boolean;
/** Alibaba's Sign answers ECDSA as DER SEQUENCE { r, s } (X9.62), not the token's r ‖ s. */
export declare const ecdsaSignDer: (p11: P11, s: Handle, key: Handle, digest: Buffer) => Buffer;
/** A signature that is not strict DER is not valid (Wycheproof's BER variants must fail), without a token call. */
export declare const ecdsaVerifyDer: (p11: P11, s: Handle, key: Handle, fieldBytes: number, digest: Buffer, der: Buffer) => boolean;
export declare const oaepSha1Encrypt: (p11: P11, s: Handle, publicKey: Handle, modulusBytes: number, plaintext: Buffer) => Buffer;
export declare const oaepSha1Decrypt: (p11: P11, s: Handle, privateKey: Handle, modulusBytes: number, ciphertext: Buffer) => Promise<Buffer | null>;
/**
 * RSAES-OAEP-SHA256 decryption with the private operation on the token: raw RSA (CKM_RSA_X_509) there, OAEP
 * decoding here (oaep.ts). The key never leaves the token; only the padded message does, as it would inside any
 * module that implements OAEP.
 */
export declare const oaepSha256Decrypt: (p11: P11, s: Handle, privateKey: Handle, modulusBytes: number, ciphertext: Buffer, label?: Buffer) => Promise<Buffer | null>;
export {};
