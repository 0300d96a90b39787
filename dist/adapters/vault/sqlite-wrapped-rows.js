import Database from 'better-sqlite3';
import { checkSchema, SCHEMAS } from "../data-dir/schema-version.js";
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDatabaseFile } from "../private-file.js";
import { missingRows, sortRows } from "./wrapped-rows.js";
export const sqliteVaultKeyIds = (db) => db.prepare('SELECT key_id FROM material UNION SELECT key_id FROM imported_fingerprint ORDER BY key_id').all()
    .map((r) => r.key_id);
export const sqliteVaultRows = (db, keyId) => {
    const material = db.prepare('SELECT key_id, version_id, kind, imported, iv, tag, ciphertext FROM material WHERE key_id = ? ORDER BY version_id')
        .all(keyId);
    const fp = db.prepare('SELECT fingerprint FROM imported_fingerprint WHERE key_id = ?').get(keyId);
    return sortRows([
        ...material.map((r) => ({
            type: 'material', keyId, versionId: r.version_id, kind: r.kind, imported: r.imported === 1,
            wrapped: { iv: r.iv, tag: r.tag, ciphertext: r.ciphertext },
        })),
        ...(fp ? [{ type: 'fingerprint', keyId, fingerprint: fp.fingerprint }] : []),
    ]);
};
// The vault's tables, one definition for SqliteKeyVault.open and for a `vault copy` target made here: such a file
// is opened by a server later, which adds nothing and checks its root key against the copied `root_check`.
export const VAULT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS vault_meta (name TEXT PRIMARY KEY, iv BLOB NOT NULL, tag BLOB NOT NULL, ciphertext BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS material (
    key_id TEXT NOT NULL, version_id TEXT NOT NULL, kind TEXT NOT NULL, imported INTEGER NOT NULL,
    iv BLOB NOT NULL, tag BLOB NOT NULL, ciphertext BLOB NOT NULL, PRIMARY KEY (key_id, version_id));
  CREATE TABLE IF NOT EXISTS imported_fingerprint (key_id TEXT PRIMARY KEY, fingerprint BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS import_token (
    token_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, algorithm TEXT NOT NULL, expires_at TEXT NOT NULL,
    iv BLOB NOT NULL, tag BLOB NOT NULL, ciphertext BLOB NOT NULL);
`;
const isVault = (db) => db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('vault_meta', 'material', 'imported_fingerprint')").get().n === 3;
/** The vault file at `path` (e.g. `<dataDir>/vault.sqlite`), opened without the root key. */
export class SqliteWrappedVault {
    db;
    location;
    constructor(db, location) {
        this.db = db;
        this.location = location;
    }
    /**
     * `mustExist` (a copy's source): the file must be a keyledger vault. Otherwise a missing or empty file is made
     * a vault; an existing file that is something else (an event store, say) is refused, never altered.
     */
    static open(path, options = {}) {
        const fresh = !existsSync(path) || statSync(path).size === 0;
        if (fresh && options.mustExist)
            throw new Error(`no SQLite vault at ${path}`);
        if (fresh)
            mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        // A copy's target becomes a server's vault.sqlite: owner-only (0600) like every data file.
        if (!options.mustExist)
            ensurePrivateDatabaseFile(path);
        const db = new Database(path, options.mustExist ? { fileMustExist: true } : {});
        try {
            db.pragma('journal_mode = WAL');
            db.pragma('synchronous = FULL');
            db.pragma('secure_delete = ON');
            checkSchema(db, path, SCHEMAS.vault);
            if (fresh)
                db.exec(VAULT_SCHEMA);
            else if (!isVault(db))
                throw new Error(`${path} is not a keyledger vault (no vault_meta, material and imported_fingerprint tables)`);
        }
        catch (e) {
            db.close();
            throw e;
        }
        return new SqliteWrappedVault(db, `the SQLite vault ${path}`);
    }
    async keyIds() {
        return sqliteVaultKeyIds(this.db);
    }
    async wrappedRows(keyId) {
        return sqliteVaultRows(this.db, keyId);
    }
    /** A file vault deletes a destroyed key's rows; nothing marks the key afterwards. */
    async destroyed(_keyId) {
        return false;
    }
    async rootCheck() {
        return this.db.prepare('SELECT iv, tag, ciphertext FROM vault_meta WHERE name = ?').get('root_check');
    }
    async putRootCheck(w) {
        this.db.prepare('INSERT INTO vault_meta (name, iv, tag, ciphertext) VALUES (?, ?, ?, ?)').run('root_check', w.iv, w.tag, w.ciphertext);
    }
    /** One transaction per key: the check and the inserts commit together, or nothing does. */
    async addRows(keyId, rows) {
        return this.db.transaction(() => {
            const missing = missingRows(keyId, rows, sqliteVaultRows(this.db, keyId), this.location);
            for (const r of missing) {
                if (r.type === 'material')
                    this.db.prepare('INSERT INTO material (key_id, version_id, kind, imported, iv, tag, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?)')
                        .run(keyId, r.versionId, r.kind, r.imported ? 1 : 0, r.wrapped.iv, r.wrapped.tag, r.wrapped.ciphertext);
                else
                    this.db.prepare('INSERT INTO imported_fingerprint (key_id, fingerprint) VALUES (?, ?)').run(keyId, r.fingerprint);
            }
            return missing.length;
        }).immediate();
    }
    async close() {
        if (this.db.open)
            this.db.close();
    }
}
