import type * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
/** Material at rest: AES-256-GCM output under the root key (adapters/vault/wrap.ts). */
export interface WrappedMaterial {
    readonly iv: Buffer;
    readonly tag: Buffer;
    readonly ciphertext: Buffer;
}
/** One version's material, wrapped (generated, or imported: BYOK). */
export interface WrappedMaterialRow {
    readonly type: 'material';
    readonly keyId: string;
    readonly versionId: string;
    readonly kind: MaterialKind;
    readonly imported: boolean;
    readonly wrapped: WrappedMaterial;
}
/** The keyed fingerprint of the key's first imported material (a re-import must be the same, API reference §5.11). */
export interface ImportFingerprintRow {
    readonly type: 'fingerprint';
    readonly keyId: string;
    readonly fingerprint: Buffer;
}
export type VaultRow = WrappedMaterialRow | ImportFingerprintRow;
/** Import tokens are left out on purpose: wrapping keys live 24 h, and a caller asks for new ones at no cost. */
export interface WrappedRowListing {
    /** Every key that has material or an import fingerprint, sorted. */
    keyIds(): Promise<string[]>;
    /** The key's fingerprint and material rows, wrapped, in `sortRows` order; [] when it has none (or was destroyed). */
    wrappedRows(keyId: string): Promise<VaultRow[]>;
}
/** Raw symmetric key bytes, or a PKCS#8 DER private key. */
export type MaterialKind = 'raw' | 'pkcs8';
export interface StoredMaterial {
    readonly kind: MaterialKind;
    readonly material: Buffer;
    readonly imported: boolean;
}
export interface ImportTokenRow {
    readonly tokenId: string;
    readonly keyId: string;
    readonly algorithm: string;
    readonly expiresAt: string;
    readonly privateKeyPkcs8: Buffer;
}
/**
 * Where software keys' material lives (docs/architecture.md §5): each version's material wrapped (AES-256-GCM under the root
 * key, AAD binding key id, version id and kind: wrap.ts), never in events. The software executor and the key
 * transport use only this. Two implementations pass `spec/adapters/vault/contract.ts`:
 * - `SqliteKeyVault`: a file in the data dir (one node);
 * - `EsdbKeyVault`: `vault-<keyId>` streams of the EventStoreDB the events are in (several nodes).
 * Infrastructure failures reject; a row that does not unwrap is a KmsError value.
 */
export interface KeyVault extends WrappedRowListing {
    /** Stores a version's material; a version that already has material keeps it (generation is idempotent). */
    put(keyId: string, versionId: string, kind: MaterialKind, material: Buffer, imported: boolean): Promise<void>;
    /** Right(undefined) when the version has no material (never made, or destroyed). */
    get(keyId: string, versionId: string): Promise<E.Either<KmsError, StoredMaterial | undefined>>;
    /**
     * Whether imported material is what the key was given before (true when it never was; API reference §5.11).
     * Reads only: the fingerprint is written by `recordImportedFingerprint` once the import is committed.
     */
    matchesImportedFingerprint(keyId: string, material: Buffer): Promise<boolean>;
    /** After a committed import: the first material's keyed fingerprint stays for the key's life (never the material). */
    recordImportedFingerprint(keyId: string, material: Buffer): Promise<void>;
    /** Crypto-shredding of a deleted key: all its material, its fingerprint and its import tokens. Idempotent. */
    destroyKey(keyId: string): Promise<void>;
    /** DeleteKeyMaterial / expiry: the imported material goes; the fingerprint stays so a re-import can be checked. */
    destroyImported(keyId: string): Promise<void>;
    putImportToken(t: ImportTokenRow): Promise<void>;
    /** Right(undefined) when the key has no such token (never issued, another key's, destroyed or dropped). */
    getImportToken(keyId: string, tokenId: string): Promise<E.Either<KmsError, ImportTokenRow | undefined>>;
    /** A spent token (single-use: its import is committed): getImportToken finds it no more. Idempotent. */
    deleteImportToken(keyId: string, tokenId: string): Promise<void>;
    /** Drops wrapping keys that expired at or before `now` (a store that expires them itself may do nothing). */
    deleteExpiredImportTokens(now: Date): Promise<void>;
    /** Keys with an import token left (spent or not): a deleted key's must go with it (heldKeyIds lists them). */
    importTokenKeyIds(): Promise<string[]>;
    close(): Promise<void>;
}
