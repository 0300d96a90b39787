import Database from 'better-sqlite3';
import type { WrappedMaterial } from './wrap.ts';
import { type VaultRow, type WrappedVault } from './wrapped-rows.ts';
export declare const sqliteVaultKeyIds: (db: Database.Database) => string[];
export declare const sqliteVaultRows: (db: Database.Database, keyId: string) => VaultRow[];
export declare const VAULT_SCHEMA = "\n  CREATE TABLE IF NOT EXISTS vault_meta (name TEXT PRIMARY KEY, iv BLOB NOT NULL, tag BLOB NOT NULL, ciphertext BLOB NOT NULL);\n  CREATE TABLE IF NOT EXISTS material (\n    key_id TEXT NOT NULL, version_id TEXT NOT NULL, kind TEXT NOT NULL, imported INTEGER NOT NULL,\n    iv BLOB NOT NULL, tag BLOB NOT NULL, ciphertext BLOB NOT NULL, PRIMARY KEY (key_id, version_id));\n  CREATE TABLE IF NOT EXISTS imported_fingerprint (key_id TEXT PRIMARY KEY, fingerprint BLOB NOT NULL);\n  CREATE TABLE IF NOT EXISTS import_token (\n    token_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, algorithm TEXT NOT NULL, expires_at TEXT NOT NULL,\n    iv BLOB NOT NULL, tag BLOB NOT NULL, ciphertext BLOB NOT NULL);\n";
/** The vault file at `path` (e.g. `<dataDir>/vault.sqlite`), opened without the root key. */
export declare class SqliteWrappedVault implements WrappedVault {
    private readonly db;
    readonly location: string;
    private constructor();
    /**
     * `mustExist` (a copy's source): the file must be a keyledger vault. Otherwise a missing or empty file is made
     * a vault; an existing file that is something else (an event store, say) is refused, never altered.
     */
    static open(path: string, options?: {
        mustExist?: boolean;
    }): SqliteWrappedVault;
    keyIds(): Promise<string[]>;
    wrappedRows(keyId: string): Promise<VaultRow[]>;
    /** A file vault deletes a destroyed key's rows; nothing marks the key afterwards. */
    destroyed(_keyId: string): Promise<boolean>;
    rootCheck(): Promise<WrappedMaterial | undefined>;
    putRootCheck(w: WrappedMaterial): Promise<void>;
    /** One transaction per key: the check and the inserts commit together, or nothing does. */
    addRows(keyId: string, rows: readonly VaultRow[]): Promise<number>;
    close(): Promise<void>;
}
