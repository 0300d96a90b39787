import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../../domain/errors.ts';
import type { AsymmetricEncryptionAlgorithm, CryptoExecutor, KeyVersionRef, SealedData, SigningAlgorithm } from '../../../domain/ports/crypto-executor.ts';
import type { Pkcs11Config } from './config.ts';
/**
 * CryptoExecutor on a PKCS#11 token (docs/architecture.md §5), tested against SoftHSMv2 2.6.1. Material is generated on the
 * token (sensitive, non-extractable) and found by label `keyledger:<keyId>:<versionId>`; only public keys leave.
 * What the token cannot do is refused with Rejected.UnsupportedOperation (SM2, SM4) or built so the private
 * operation stays on the token (RSAES-OAEP-SHA256: raw RSA on the token, OAEP decoding here).
 */
export declare class Pkcs11Executor implements CryptoExecutor {
    private readonly p11;
    private readonly pool;
    private readonly modulePath;
    private readonly handles;
    private readonly publicKeys;
    private readonly generating;
    private closed;
    private constructor();
    /** Loads the module (shared per process), finds the token by label and logs in. */
    static open(config: Pkcs11Config): E.Either<KmsError, Pkcs11Executor>;
    generate(ref: KeyVersionRef): Promise<E.Either<KmsError, void>>;
    importMaterial(ref: KeyVersionRef, material: Buffer): Promise<E.Either<KmsError, void>>;
    destroy(keyId: string): Promise<E.Either<KmsError, void>>;
    destroyImported(keyId: string): Promise<E.Either<KmsError, void>>;
    /** Every object whose label is ours (`keyledger:<keyId>:<versionId>`): Cryptoki cannot search by prefix. */
    heldKeyIds(): Promise<E.Either<KmsError, readonly string[]>>;
    encrypt(ref: KeyVersionRef, plaintext: Buffer, aad: Buffer): Promise<E.Either<KmsError, SealedData>>;
    decrypt(ref: KeyVersionRef, sealed: SealedData, aad: Buffer): Promise<E.Either<KmsError, Buffer>>;
    asymmetricEncrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, plaintext: Buffer): Promise<E.Either<KmsError, Buffer>>;
    asymmetricDecrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, ciphertext: Buffer): Promise<E.Either<KmsError, Buffer>>;
    sign(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer): Promise<E.Either<KmsError, Buffer>>;
    verify(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer, signature: Buffer): Promise<E.Either<KmsError, boolean>>;
    /** HMAC-SHA256 on the token (CKM_SHA256_HMAC over the generic secret); the secret never leaves it. */
    mac(ref: KeyVersionRef, message: Buffer): Promise<E.Either<KmsError, Buffer>>;
    publicKeyPem(ref: KeyVersionRef): Promise<E.Either<KmsError, string>>;
    close(): Promise<void>;
    /** Sessions lent by the pool, with one retry after a lost login or stale handles (pitfalls 3–4). */
    private session;
    /** Finds a version's object once per login; a handle found before a re-login is invalid after it. */
    private key;
    private publicKey;
    private forget;
}
