import type { Either } from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
import type { KeyKind, KeySpec } from '../values/key-spec.ts';
/** One version of one key, as an executor needs to find or make its material. */
export interface KeyVersionRef {
    readonly keyId: string;
    readonly versionId: string;
    readonly spec: KeySpec;
    readonly kind: KeyKind;
    readonly instanceId: string | null;
}
export type AsymmetricEncryptionAlgorithm = 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1' | 'SM2PKE';
export type SigningAlgorithm = 'RSA_PSS_SHA_256' | 'RSA_PKCS1_SHA_256' | 'ECDSA_SHA_256' | 'SM2DSA';
/** Symmetric AEAD output: the blob format (adapters/crypto) stores these with the key and version ids. */
export interface SealedData {
    readonly iv: Buffer;
    readonly ciphertext: Buffer;
    readonly tag: Buffer;
}
/**
 * Where cryptography happens (docs/architecture.md §5): node:crypto with material in the vault, or a PKCS#11 token. The
 * router picks one per key from its instance. Material never leaves an executor except as a public key.
 * Every failure is a KmsError value (e.g. `Rejected.UnsupportedOperation` for a mechanism the token lacks).
 */
export interface CryptoExecutor {
    /** Makes material for a new version (CreateKey, rotation, CreateKeyVersion). Idempotent per version. */
    generate(ref: KeyVersionRef): Promise<Either<KmsError, void>>;
    /** Stores imported (BYOK) material for a version. */
    importMaterial(ref: KeyVersionRef, material: Buffer): Promise<Either<KmsError, void>>;
    /** Destroys the material of every version of a key (crypto-shredding). Idempotent. */
    destroy(keyId: string): Promise<Either<KmsError, void>>;
    /** Destroys imported material (DeleteKeyMaterial, expiry). Idempotent. */
    destroyImported(keyId: string): Promise<Either<KmsError, void>>;
    /**
     * The ids of every key this executor still holds material for, so the shredding reconciliation can find the
     * material a deletion should have destroyed (a crash or a failed destroy after KeyDeleted).
     */
    heldKeyIds(): Promise<Either<KmsError, readonly string[]>>;
    encrypt(ref: KeyVersionRef, plaintext: Buffer, aad: Buffer): Promise<Either<KmsError, SealedData>>;
    decrypt(ref: KeyVersionRef, sealed: SealedData, aad: Buffer): Promise<Either<KmsError, Buffer>>;
    asymmetricEncrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, plaintext: Buffer): Promise<Either<KmsError, Buffer>>;
    asymmetricDecrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, ciphertext: Buffer): Promise<Either<KmsError, Buffer>>;
    /** Signs a digest already made with the algorithm's hash (for SM2DSA: SM3(Z‖M)). */
    sign(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer): Promise<Either<KmsError, Buffer>>;
    verify(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer, signature: Buffer): Promise<Either<KmsError, boolean>>;
    /** HMAC of `message` with an HMAC key's version (GenerateMac; VerifyMac recomputes and compares in constant time). */
    mac(ref: KeyVersionRef, message: Buffer): Promise<Either<KmsError, Buffer>>;
    /** SPKI PEM (S-9.1: the public key of each version can be downloaded; the private key never). */
    publicKeyPem(ref: KeyVersionRef): Promise<Either<KmsError, string>>;
    close(): Promise<void>;
}
