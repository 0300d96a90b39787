import Database from 'better-sqlite3';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { internalFailure } from "../../domain/errors.js";
import { ensurePrivateDatabaseFile } from "../private-file.js";
import { checkSchema, SCHEMAS } from "../data-dir/schema-version.js";
import { rowAad, unwrap, wrap } from "./wrap.js";
import { sqliteVaultKeyIds, sqliteVaultRows, VAULT_SCHEMA } from "./sqlite-wrapped-rows.js";
const ROOT_CHECK = Buffer.from('keyledger root key check');
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
export class SqliteKeyVault {
    db;
    rootKey;
    fingerprintKey;
    constructor(db, rootKey, fingerprintKey) {
        this.db = db;
        this.rootKey = rootKey;
        this.fingerprintKey = fingerprintKey;
    }
    static open(path, rootKey) {
        if (path !== ':memory:')
            mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        // Owner-only (0600) whatever the umask, like the other data files: the rows are wrapped, but key ids, which
        // keys were imported, and the root key check are nobody else's.
        ensurePrivateDatabaseFile(path);
        const db = new Database(path);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('secure_delete = ON');
        try {
            checkSchema(db, path, SCHEMAS.vault);
        }
        catch (e) {
            db.close();
            throw e;
        }
        db.exec(VAULT_SCHEMA);
        // A wrong root key must stop the start, not surface later as "every ciphertext is invalid".
        const check = db.prepare('SELECT iv, tag, ciphertext FROM vault_meta WHERE name = ?').get('root_check');
        const aad = rowAad('root-check');
        if (check) {
            const plain = unwrap(rootKey, check, aad);
            if (!plain || !plain.equals(ROOT_CHECK)) {
                db.close();
                return E.left({ code: 'Config.WrongRootKey', httpStatus: 500, message: `The root key does not open the vault ${path}: it is not the key this vault was made with.` });
            }
        }
        else {
            const w = wrap(rootKey, ROOT_CHECK, aad);
            db.prepare('INSERT INTO vault_meta (name, iv, tag, ciphertext) VALUES (?, ?, ?, ?)').run('root_check', w.iv, w.tag, w.ciphertext);
        }
        const fingerprintKey = Buffer.from(hkdfSync('sha256', rootKey, Buffer.alloc(0), 'keyledger/imported-fingerprint/v1', 32));
        // A copy: the caller wipes its buffer after the start (composition/crypto-stack.ts); keeping it wrapped under zeros.
        return E.right(new SqliteKeyVault(db, Buffer.from(rootKey), fingerprintKey));
    }
    /** Stores a version's material; a version that already has material keeps it (generation is idempotent). */
    async put(keyId, versionId, kind, material, imported) {
        const w = wrap(this.rootKey, material, rowAad('material', keyId, versionId, kind));
        this.db.prepare(`INSERT OR IGNORE INTO material (key_id, version_id, kind, imported, iv, tag, ciphertext)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(keyId, versionId, kind, imported ? 1 : 0, w.iv, w.tag, w.ciphertext);
    }
    /** Right(undefined) when the version has no material (never made, or destroyed). */
    async get(keyId, versionId) {
        const row = this.db.prepare('SELECT kind, imported, iv, tag, ciphertext FROM material WHERE key_id = ? AND version_id = ?')
            .get(keyId, versionId);
        if (!row)
            return E.right(undefined);
        const material = unwrap(this.rootKey, row, rowAad('material', keyId, versionId, row.kind));
        if (!material)
            return E.left(internalFailure(`The vault row of ${keyId}/${versionId} does not unwrap: it was altered or moved.`));
        return E.right({ kind: row.kind, material, imported: row.imported === 1 });
    }
    /**
     * Whether imported material is what the key was given before (true when it never was; API reference §5.11).
     * Reads only: the fingerprint is written by `recordImportedFingerprint` once the import is committed.
     */
    async matchesImportedFingerprint(keyId, material) {
        const row = this.db.prepare('SELECT fingerprint FROM imported_fingerprint WHERE key_id = ?').get(keyId);
        if (!row)
            return true;
        const fp = this.fingerprint(keyId, material);
        return row.fingerprint.length === fp.length && timingSafeEqual(row.fingerprint, fp);
    }
    /** After a committed import: the first material's fingerprint stays for the key's life (deleted with the key). */
    async recordImportedFingerprint(keyId, material) {
        this.db.prepare('INSERT OR IGNORE INTO imported_fingerprint (key_id, fingerprint) VALUES (?, ?)').run(keyId, this.fingerprint(keyId, material));
    }
    /** A keyed fingerprint (HMAC under a root-derived key): it tells sameness without revealing the material. */
    fingerprint(keyId, material) {
        return createHmac('sha256', this.fingerprintKey).update(keyId).update('\0').update(material).digest();
    }
    /** Crypto-shredding of a deleted key: all its material, fingerprints and import tokens. */
    async destroyKey(keyId) {
        this.db.transaction(() => {
            this.db.prepare('DELETE FROM material WHERE key_id = ?').run(keyId);
            this.db.prepare('DELETE FROM imported_fingerprint WHERE key_id = ?').run(keyId);
            this.db.prepare('DELETE FROM import_token WHERE key_id = ?').run(keyId);
        })();
        this.scrub();
    }
    /** DeleteKeyMaterial / expiry: the imported material goes; the fingerprint stays so a re-import can be checked. */
    async destroyImported(keyId) {
        this.db.prepare('DELETE FROM material WHERE key_id = ? AND imported = 1').run(keyId);
        this.scrub();
    }
    async putImportToken(t) {
        const w = wrap(this.rootKey, t.privateKeyPkcs8, rowAad('import-token', t.tokenId, t.keyId, t.algorithm, t.expiresAt));
        this.db.prepare('INSERT INTO import_token (token_id, key_id, algorithm, expires_at, iv, tag, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(t.tokenId, t.keyId, t.algorithm, t.expiresAt, w.iv, w.tag, w.ciphertext);
    }
    async getImportToken(keyId, tokenId) {
        const row = this.db.prepare('SELECT key_id, algorithm, expires_at, iv, tag, ciphertext FROM import_token WHERE token_id = ? AND key_id = ?')
            .get(tokenId, keyId);
        if (!row)
            return E.right(undefined);
        const pk = unwrap(this.rootKey, row, rowAad('import-token', tokenId, row.key_id, row.algorithm, row.expires_at));
        if (!pk)
            return E.left(internalFailure(`The import token ${tokenId} does not unwrap: it was altered.`));
        return E.right({ tokenId, keyId: row.key_id, algorithm: row.algorithm, expiresAt: row.expires_at, privateKeyPkcs8: pk });
    }
    /** A spent token (single-use: its import is committed). */
    async deleteImportToken(keyId, tokenId) {
        this.db.prepare('DELETE FROM import_token WHERE token_id = ? AND key_id = ?').run(tokenId, keyId);
    }
    /** Expired wrapping keys are useless: drop them (no scrub; they never wrapped key material at rest). */
    /** Run by the expiry job and by GetParametersForImport (secure_delete zeroes the freed cells). */
    async deleteExpiredImportTokens(now) {
        this.db.prepare('DELETE FROM import_token WHERE expires_at <= ?').run(now.toISOString());
    }
    async importTokenKeyIds() {
        return this.db.prepare('SELECT DISTINCT key_id FROM import_token ORDER BY key_id').all().map((r) => r.key_id);
    }
    /**
     * Keys with material or a fingerprint (wrapped-rows.ts): listing needs no unwrapping. Also what the shredding
     * reconciliation compares with the keys' events (SoftwareExecutor.heldKeyIds).
     */
    async keyIds() {
        return sqliteVaultKeyIds(this.db);
    }
    /** The key's rows as stored, still wrapped. */
    async wrappedRows(keyId) {
        return sqliteVaultRows(this.db, keyId);
    }
    scrub() {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
        this.db.exec('VACUUM');
        this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    async close() {
        if (this.db.open)
            this.db.close();
        this.rootKey.fill(0); // our own copy (open), so no one else's buffer
        this.fingerprintKey.fill(0);
    }
}
