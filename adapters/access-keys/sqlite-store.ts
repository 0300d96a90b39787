import { randomBytes, randomInt } from 'node:crypto'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { AccessKey, AccessKeyStore } from '../http/auth/access-key-store.ts'
import { openSecret, sealSecret, secretAad } from './secret-box.ts'

// Access keys made with `keyledger access-keys create`, kept in `<dataDir>/access-keys.sqlite` so that the
// server (which reads) and the CLI (which writes) share them; the server looks a key up on every request, so a
// key disabled or deleted from the CLI is refused at once, without a restart.

export const ACCESS_KEY_DB_FILE = 'access-keys.sqlite'

export type AccessKeyStatus = 'Active' | 'Inactive'

/** What `list` shows: never the secret. */
export interface StoredAccessKeyInfo {
  readonly accessKeyId: string
  readonly principal: string
  readonly accountId: string
  readonly status: AccessKeyStatus
  readonly createdAt: string
}

interface Row {
  access_key_id: string
  principal: string
  account_id: string
  status: AccessKeyStatus
  created_at: string
  secret_iv: Buffer
  secret_ciphertext: Buffer
  secret_tag: Buffer
}

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
) STRICT`

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const randomText = (n: number): string => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('')

export class AccessKeyDecryptError extends Error {
  constructor(accessKeyId: string) {
    super(`the secret of access key ${accessKeyId} does not decrypt under the root key (another root key, or the row was altered)`)
  }
}

export class SqliteAccessKeyStore implements AccessKeyStore {
  private readonly db: Database.Database

  private constructor(db: Database.Database, private readonly rootKey: Buffer) {
    this.db = db
  }

  static open(dataDir: string, rootKey: Buffer): SqliteAccessKeyStore {
    const path = join(dataDir, ACCESS_KEY_DB_FILE)
    const db = new Database(path)
    try {
      // Owner only, like root.key: the secrets are encrypted, but principals and key ids are nobody else's business.
      // SQLite gives the -wal and -shm files the database file's mode.
      chmodSync(path, 0o600)
      db.pragma('busy_timeout = 5000')
      db.pragma('journal_mode = WAL')
      // On every open: this build reopens WAL files with synchronous=NORMAL (platform-notes §3), and a created or
      // disabled key must survive a power cut once the CLI said so.
      db.pragma('synchronous = FULL')
      db.exec(SCHEMA)
      return new SqliteAccessKeyStore(db, rootKey)
    } catch (e) {
      db.close()
      throw e
    }
  }

  /** Makes a key for a principal; the secret is returned here once and is never shown again. */
  create(principal: string, accountId: string, now: Date): StoredAccessKeyInfo & { readonly accessKeySecret: string } {
    const accessKeyId = `LTAI${randomText(20)}`
    const accessKeySecret = randomBytes(24).toString('base64url')
    const sealed = sealSecret(this.rootKey, secretAad(accessKeyId, principal), accessKeySecret)
    const createdAt = now.toISOString()
    this.db.prepare(`INSERT INTO access_keys VALUES (?, ?, ?, 'Active', ?, ?, ?, ?)`)
      .run(accessKeyId, principal, accountId, createdAt, sealed.iv, sealed.ciphertext, sealed.tag)
    return { accessKeyId, principal, accountId, status: 'Active', createdAt, accessKeySecret }
  }

  list(): StoredAccessKeyInfo[] {
    const rows = this.db.prepare('SELECT * FROM access_keys ORDER BY created_at, access_key_id').all() as Row[]
    return rows.map(info)
  }

  /** false when no such key. */
  setStatus(accessKeyId: string, status: AccessKeyStatus): boolean {
    return this.db.prepare('UPDATE access_keys SET status = ? WHERE access_key_id = ?').run(status, accessKeyId).changes === 1
  }

  delete(accessKeyId: string): boolean {
    return this.db.prepare('DELETE FROM access_keys WHERE access_key_id = ?').run(accessKeyId).changes === 1
  }

  async find(accessKeyId: string): Promise<AccessKey | undefined> {
    const row = this.db.prepare('SELECT * FROM access_keys WHERE access_key_id = ?').get(accessKeyId) as Row | undefined
    if (!row) return undefined
    const secret = openSecret(this.rootKey, secretAad(row.access_key_id, row.principal),
      { iv: row.secret_iv, ciphertext: row.secret_ciphertext, tag: row.secret_tag })
    // Loud, never "not found": a key that stopped decrypting means a wrong root key or a tampered file.
    if (secret === undefined) throw new AccessKeyDecryptError(accessKeyId)
    return { accessKeyId: row.access_key_id, secret, principal: row.principal, accountId: row.account_id, enabled: row.status === 'Active' }
  }

  close(): void {
    this.db.close()
  }
}

const info = (r: Row): StoredAccessKeyInfo =>
  ({ accessKeyId: r.access_key_id, principal: r.principal, accountId: r.account_id, status: r.status, createdAt: r.created_at })
