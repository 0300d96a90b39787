import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import type { VaultRow } from './wrapped-rows.ts';
import type { ImportTokenRow, KeyVault, MaterialKind, StoredMaterial } from '../../domain/ports/key-vault.ts';
export type { ImportTokenRow, MaterialKind, StoredMaterial } from '../../domain/ports/key-vault.ts';
/**
 * The key material vault of software keys (docs/architecture.md §5): every version's material wrapped under the root key,
 * in its own SQLite file, apart from the events (which never hold material). WAL with synchronous=FULL on every
 * open (better-sqlite3 reopens WAL files at NORMAL: platform notes §3), so material is on disk before the key
 * event that refers to it is appended.
 *
 * Crypto-shredding: destroying a key deletes its rows with `secure_delete` on (SQLite overwrites the freed
 * cells with zeros), checkpoints and truncates the WAL, VACUUMs (the file is rebuilt without the pages) and
 * truncates the WAL again, so neither the database file nor the WAL holds the wrapped bytes afterwards
 * (spec/adapters/vault/sqlite-vault.spec.ts reads both files). Limits, for auditors: this removes the bytes
 * from the files, not from the medium. SSDs and copy-on-write or journaling file systems may keep old blocks
 * until the device reuses them, and backups and snapshots keep their copies. What makes destruction final is
 * that the rows are wrapped under the root key: rotate or destroy the root key (and its backups) to shred
 * everything it ever wrapped, and keep the data directory on an encrypted volume.
 */
export declare class SqliteKeyVault implements KeyVault {
    private readonly db;
    private readonly rootKey;
    private readonly fingerprintKey;
    private constructor();
    static open(path: string, rootKey: Buffer): E.Either<KmsError, SqliteKeyVault>;
    /** Stores a version's material; a version that already has material keeps it (generation is idempotent). */
    put(keyId: string, versionId: string, kind: MaterialKind, material: Buffer, imported: boolean): Promise<void>;
    /** Right(undefined) when the version has no material (never made, or destroyed). */
    get(keyId: string, versionId: string): Promise<E.Either<KmsError, StoredMaterial | undefined>>;
    /**
     * Whether imported material is what the key was given before (true when it never was; API reference §5.11).
     * Reads only: the fingerprint is written by `recordImportedFingerprint` once the import is committed.
     */
    matchesImportedFingerprint(keyId: string, material: Buffer): Promise<boolean>;
    /** After a committed import: the first material's fingerprint stays for the key's life (deleted with the key). */
    recordImportedFingerprint(keyId: string, material: Buffer): Promise<void>;
    /** A keyed fingerprint (HMAC under a root-derived key): it tells sameness without revealing the material. */
    private fingerprint;
    /** Crypto-shredding of a deleted key: all its material, fingerprints and import tokens. */
    destroyKey(keyId: string): Promise<void>;
    /** DeleteKeyMaterial / expiry: the imported material goes; the fingerprint stays so a re-import can be checked. */
    destroyImported(keyId: string): Promise<void>;
    putImportToken(t: ImportTokenRow): Promise<void>;
    getImportToken(keyId: string, tokenId: string): Promise<E.Either<KmsError, ImportTokenRow | undefined>>;
    /** A spent token (single-use: its import is committed). */
    deleteImportToken(keyId: string, tokenId: string): Promise<void>;
    /** Expired wrapping keys are useless: drop them (no scrub; they never wrapped key material at rest). */
    /** Run by the expiry job and by GetParametersForImport (secure_delete zeroes the freed cells). */
    deleteExpiredImportTokens(now: Date): Promise<void>;
    importTokenKeyIds(): Promise<string[]>;
    /**
     * Keys with material or a fingerprint (wrapped-rows.ts): listing needs no unwrapping. Also what the shredding
     * reconciliation compares with the keys' events (SoftwareExecutor.heldKeyIds).
     */
    keyIds(): Promise<string[]>;
    /** The key's rows as stored, still wrapped. */
    wrappedRows(keyId: string): Promise<VaultRow[]>;
    private scrub;
    close(): Promise<void>;
}
