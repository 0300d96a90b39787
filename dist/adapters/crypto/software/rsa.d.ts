import { type KeyObject } from 'node:crypto';
export declare const PSS_SALT_LENGTH = 32;
export declare const modulusBytes: (key: KeyObject) => number;
export declare const pkcs1SignDigest: (key: KeyObject, digest: Buffer) => Buffer | undefined;
export declare const pkcs1VerifyDigest: (key: KeyObject, digest: Buffer, signature: Buffer) => boolean;
/** MGF1 with SHA-256 (RFC 8017 B.2.1). */
export declare const mgf1: (seed: Buffer, length: number, hash?: string) => Buffer;
export declare const pssSignDigest: (key: KeyObject, digest: Buffer) => Buffer | undefined;
export declare const pssVerifyDigest: (key: KeyObject, digest: Buffer, signature: Buffer) => boolean;
export type OaepHash = 'sha256' | 'sha1';
/** The largest plaintext RSAES-OAEP takes: k − 2·hLen − 2 (190/214 bytes for RSA_2048, API reference §5.7). */
export declare const oaepMaxPlaintext: (key: KeyObject, hash: OaepHash) => number;
export declare const oaepEncrypt: (key: KeyObject, hash: OaepHash, plaintext: Buffer) => Buffer;
/** undefined for every invalid ciphertext: one answer, whatever the cause, so there is no padding oracle. */
export declare const oaepDecrypt: (key: KeyObject, hash: OaepHash, ciphertext: Buffer) => Buffer | undefined;
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
export declare const pkcs1v15Decrypt: (key: KeyObject, ciphertext: Buffer, expectedBytes?: number) => Buffer | undefined;
