import { randomBytes, randomInt } from 'node:crypto';
import { checkSchema, SCHEMAS } from "../data-dir/schema-version.js";
import { join } from 'node:path';
import { openPrivateWalDatabase } from "../private-file.js";
import { parsePrincipal } from "../../domain/policy/principal.js";
import { legacySecretAad, openSecret, sealSecret, secretAad } from "./secret-box.js";
// Access keys made with `keyledger access-keys create`, kept in `<dataDir>/access-keys.sqlite` so that the
// server (which reads) and the CLI (which writes) share them; the server looks a key up on every request, so a
// key disabled or deleted from the CLI is refused at once, without a restart.
export const ACCESS_KEY_DB_FILE = 'access-keys.sqlite';
const SCHEMA = `
CREATE TABLE IF NOT EXISTS access_keys (
  access_key_id     TEXT PRIMARY KEY,
  principal         TEXT NOT NULL,
  account_id        TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  created_at        TEXT NOT NULL,
  secret_iv         BLOB NOT NULL,
  secret_ciphertext BLOB NOT NULL,
  secret_tag        BLOB NOT NULL
) STRICT`;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (n) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');
export class AccessKeyDecryptError extends Error {
    constructor(accessKeyId) {
        super(`the secret of access key ${accessKeyId} does not decrypt under the root key (another root key, or the row was altered)`);
    }
}
export class SqliteAccessKeyStore {
    rootKey;
    db;
    constructor(db, rootKey) {
        this.rootKey = rootKey;
        this.db = db;
    }
    static open(dataDir, rootKey) {
        const path = join(dataDir, ACCESS_KEY_DB_FILE);
        // Owner only from its first byte, like root.key: the secrets are encrypted, but principals and key ids are
        // nobody else's business.
        // On every open: this build reopens WAL files with synchronous=NORMAL (docs/architecture.md §8), and a created or
        // disabled key must survive a power cut once the CLI said so.
        return openPrivateWalDatabase(path, 'FULL', (db) => {
            checkSchema(db, path, SCHEMAS.accessKeys);
            db.exec(SCHEMA);
            const store = new SqliteAccessKeyStore(db, rootKey);
            store.sealLegacyRows();
            return store;
        });
    }
    /** Makes a key for a principal; the secret is returned here once and is never shown again. */
    create(principal, accountId, now) {
        if (accountOf(principal) !== accountId)
            throw new Error(`access key principal ${principal} does not belong to account ${accountId}`);
        const accessKeyId = `LTAI${randomText(20)}`;
        const accessKeySecret = randomBytes(24).toString('base64url');
        const sealed = sealSecret(this.rootKey, secretAad(accessKeyId, principal, 'Active'), accessKeySecret);
        const createdAt = now.toISOString();
        this.db.prepare(`INSERT INTO access_keys VALUES (?, ?, ?, 'Active', ?, ?, ?, ?)`)
            .run(accessKeyId, principal, accountId, createdAt, sealed.iv, sealed.ciphertext, sealed.tag);
        return { accessKeyId, principal, accountId, status: 'Active', createdAt, accessKeySecret };
    }
    list() {
        const rows = this.db.prepare('SELECT * FROM access_keys ORDER BY created_at, access_key_id').all();
        return rows.map(info);
    }
    /** false when no such key. The secret is sealed again, since the status is part of its AAD. */
    setStatus(accessKeyId, status) {
        return this.db.transaction(() => {
            const row = this.db.prepare('SELECT * FROM access_keys WHERE access_key_id = ?').get(accessKeyId);
            if (!row)
                return false;
            const secret = openSecret(this.rootKey, secretAad(row.access_key_id, row.principal, row.status), sealedOf(row));
            if (secret === undefined)
                throw new AccessKeyDecryptError(accessKeyId);
            this.reseal(row, status, secret);
            return true;
        }).immediate();
    }
    /** Rows sealed before the status was part of the AAD (v1) are sealed again under v2, once, at open. */
    sealLegacyRows() {
        this.db.transaction(() => {
            for (const row of this.db.prepare('SELECT * FROM access_keys').all()) {
                if (openSecret(this.rootKey, secretAad(row.access_key_id, row.principal, row.status), sealedOf(row)) !== undefined)
                    continue;
                const legacy = openSecret(this.rootKey, legacySecretAad(row.access_key_id, row.principal), sealedOf(row));
                if (legacy !== undefined)
                    this.reseal(row, row.status, legacy);
            }
        }).immediate();
    }
    reseal(row, status, secret) {
        const sealed = sealSecret(this.rootKey, secretAad(row.access_key_id, row.principal, status), secret);
        this.db.prepare('UPDATE access_keys SET status = ?, secret_iv = ?, secret_ciphertext = ?, secret_tag = ? WHERE access_key_id = ?')
            .run(status, sealed.iv, sealed.ciphertext, sealed.tag, row.access_key_id);
    }
    delete(accessKeyId) {
        return this.db.prepare('DELETE FROM access_keys WHERE access_key_id = ?').run(accessKeyId).changes === 1;
    }
    async find(accessKeyId) {
        const row = this.db.prepare('SELECT * FROM access_keys WHERE access_key_id = ?').get(accessKeyId);
        if (!row)
            return undefined;
        const secret = openSecret(this.rootKey, secretAad(row.access_key_id, row.principal, row.status), sealedOf(row));
        // The account is the principal's, never the column's (which the AAD does not cover).
        const accountId = accountOf(row.principal);
        // Loud, never "not found": a key that stopped decrypting means a wrong root key or a tampered file.
        if (secret === undefined || accountId === undefined)
            throw new AccessKeyDecryptError(accessKeyId);
        return { accessKeyId: row.access_key_id, secret, principal: row.principal, accountId, enabled: row.status === 'Active' };
    }
    close() {
        this.db.close();
    }
}
const sealedOf = (r) => ({ iv: r.secret_iv, ciphertext: r.secret_ciphertext, tag: r.secret_tag });
const accountOf = (principal) => parsePrincipal(principal)?.accountId;
const info = (r) => ({ accessKeyId: r.access_key_id, principal: r.principal, accountId: accountOf(r.principal) ?? r.account_id, status: r.status, createdAt: r.created_at });
