import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../../domain/errors.ts';
import type { AsymmetricEncryptionAlgorithm, CryptoExecutor, KeyVersionRef, SealedData, SigningAlgorithm } from '../../../domain/ports/crypto-executor.ts';
import type { KeyVault } from '../../../domain/ports/key-vault.ts';
type Result<A> = Promise<E.Either<KmsError, A>>;
/** Versions whose parsed material stays in memory: a hot working set, not every version ever used. */
export declare const DEFAULT_MATERIAL_CACHE_SIZE = 4096;
/**
 * The software executor (docs/architecture.md §5): node:crypto (and @noble/curves for SM2 and digest-level ECDSA) over material from the vault.
 * Every failure is a KmsError value; no exception leaves a method (a bug surfaces as `InternalFailure`).
 */
export declare class SoftwareExecutor implements CryptoExecutor {
    private readonly vault;
    /** Parsed material by `keyId/versionId`, least recently used first (a Map keeps insertion order). */
    private readonly cache;
    private readonly cacheSize;
    /** `cacheSize`: how many versions' parsed material stay in memory (LRU); DEFAULT_MATERIAL_CACHE_SIZE by default. */
    constructor(vault: KeyVault, options?: {
        cacheSize?: number;
    });
    /** How many versions' material is held in memory now (for specs and operators). */
    get cachedVersions(): number;
    generate(ref: KeyVersionRef): Result<void>;
    importMaterial(ref: KeyVersionRef, material: Buffer): Result<void>;
    destroy(keyId: string): Result<void>;
    destroyImported(keyId: string): Result<void>;
    /** Drops the key from the cache around the vault's destruction: a call that read the vault meanwhile may have cached it again. */
    private shred;
    /** Every key with material, an import fingerprint or an import token left in the vault (destroy removes all three). */
    heldKeyIds(): Result<readonly string[]>;
    encrypt(ref: KeyVersionRef, plaintext: Buffer, aad: Buffer): Result<SealedData>;
    decrypt(ref: KeyVersionRef, sealed: SealedData, aad: Buffer): Result<Buffer>;
    asymmetricEncrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, plaintext: Buffer): Result<Buffer>;
    asymmetricDecrypt(ref: KeyVersionRef, algorithm: AsymmetricEncryptionAlgorithm, ciphertext: Buffer): Result<Buffer>;
    sign(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer): Result<Buffer>;
    verify(ref: KeyVersionRef, algorithm: SigningAlgorithm, digest: Buffer, signature: Buffer): Result<boolean>;
    mac(ref: KeyVersionRef, message: Buffer): Result<Buffer>;
    publicKeyPem(ref: KeyVersionRef): Result<string>;
    close(): Promise<void>;
    /**
     * Drops a key's loaded material from this process's cache, zeroed. The node that deletes a key calls it through
     * destroy; other nodes sharing the vault call it when they see the key's KeyDeleted or KeyMaterialDeleted
     * (composition/crypto-stack.ts).
     */
    forget(keyId: string): void;
    /**
     * Symmetric keys are our own buffers: zeroed when they leave the cache. No operation holds them across an
     * await: `withMaterial` looks up (or loads) and uses the material in one synchronous stretch.
     */
    private evict;
    /** The cached material, now the most recently used (a Map keeps insertion order: the least recent goes first). */
    private cached;
    /**
     * Runs `use` on the version's material. The vault is asynchronous, and while it is read another call may load
     * (and evict, zeroing), or a KeyDeleted may forget: so the material is looked up again after the read, and
     * `use` runs in the same synchronous stretch as the lookup, never after an await that could zero what it holds.
     */
    private withMaterial;
}
export {};
