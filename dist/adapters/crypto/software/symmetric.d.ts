import type { SealedData } from '../../../domain/ports/crypto-executor.ts';
export declare const IV_BYTES = 12;
export declare const TAG_BYTES = 16;
/** Aliyun_AES_256/192/128: AES-GCM (NIST SP 800-38D) with a 96-bit random IV and a 128-bit tag. */
export declare const aesGcmSeal: (key: Buffer, plaintext: Buffer, aad: Buffer) => SealedData;
/** Any IV length GCM defines (≥ 1 byte) is accepted here; the blob format itself only carries 12-byte IVs. */
export declare const aesGcmOpen: (key: Buffer, sealed: SealedData, aad: Buffer) => Buffer | undefined;
/**
 * Aliyun_SM4. OpenSSL 3.0 (Node 20) has no SM4-GCM or SM4-CCM (platform notes §2), so SM4 is made an AEAD by
 * encrypt-then-MAC, with GM primitives only:
 *   encKey = HKDF-SM3(material, salt = "", info = "keyledger/sm4-ctr/v1", 16 bytes)
 *   macKey = HKDF-SM3(material, salt = "", info = "keyledger/hmac-sm3/v1", 32 bytes)
 *   C      = SM4-CTR(encKey, counter block = IV(12) ‖ 00000001, P)
 *   tag    = HMAC-SM3(macKey, u64be(|AAD|) ‖ AAD ‖ IV ‖ C), truncated to its first 16 bytes
 * The length prefix makes the AAD/IV/C split unambiguous; the MAC covers the IV so counter blocks cannot be
 * swapped; the tag is checked in constant time before any decryption. A 32-bit block counter per message
 * limits one message to 64 GiB, far above Encrypt's 6 KB. This is not SM4-GCM, so SM4-GCM vectors cannot check
 * it: its parts are checked instead (SM4 block KATs, SM4-CTR against the keystream of Wycheproof's SM4-GCM
 * vectors, HMAC-SM3 against Wycheproof's hmac_sm3_test.json).
 */
export declare const sm4Keys: (material: Buffer) => {
    encKey: Buffer;
    macKey: Buffer;
};
export declare const sm4Seal: (keys: {
    encKey: Buffer;
    macKey: Buffer;
}, plaintext: Buffer, aad: Buffer) => SealedData;
export declare const sm4Open: (keys: {
    encKey: Buffer;
    macKey: Buffer;
}, sealed: SealedData, aad: Buffer) => Buffer | undefined;
