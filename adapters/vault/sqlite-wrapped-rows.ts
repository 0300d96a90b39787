import Database from 'better-sqlite3'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { ensurePrivateDatabaseFile } from '../private-file.ts'
import type { MaterialKind } from '../../domain/ports/key-vault.ts'
import type { WrappedMaterial } from './wrap.ts'
import { missingRows, sortRows, type VaultRow, type WrappedVault } from './wrapped-rows.ts'

// The SQLite vault file's rows as stored, without the root key (wrapped-rows.ts). The listing functions take the
// open database, so SqliteKeyVault lists through them too; SqliteWrappedVault opens a file for `vault copy`.

type MaterialRecord = WrappedMaterial & { key_id: string; version_id: string; kind: MaterialKind; imported: number }

export const sqliteVaultKeyIds = (db: Database.Database): string[] =>
  (db.prepare('SELECT key_id FROM material UNION SELECT key_id FROM imported_fingerprint ORDER BY key_id').all() as { key_id: string }[])
    .map((r) => r.key_id)

export const sqliteVaultRows = (db: Database.Database, keyId: string): VaultRow[] => {
  const material = db.prepare('SELECT key_id, version_id, kind, imported, iv, tag, ciphertext FROM material WHERE key_id = ? ORDER BY version_id')
    .all(keyId) as MaterialRecord[]
  const fp = db.prepare('SELECT fingerprint FROM imported_fingerprint WHERE key_id = ?').get(keyId) as { fingerprint: Buffer } | undefined
  return sortRows([
    ...material.map((r): VaultRow => ({
      type: 'material', keyId, versionId: r.version_id, kind: r.kind, imported: r.imported === 1,
      wrapped: { iv: r.iv, tag: r.tag, ciphertext: r.ciphertext },
    })),
    ...(fp ? [{ type: 'fingerprint' as const, keyId, fingerprint: fp.fingerprint }] : []),
  ])
}

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
`

const isVault = (db: Database.Database): boolean =>
  (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('vault_meta', 'material', 'imported_fingerprint')").get() as { n: number }).n === 3

/** The vault file at `path` (e.g. `<dataDir>/vault.sqlite`), opened without the root key. */
export class SqliteWrappedVault implements WrappedVault {
  private constructor(private readonly db: Database.Database, readonly location: string) {}

  /**
   * `mustExist` (a copy's source): the file must be a keyledger vault. Otherwise a missing or empty file is made
   * a vault; an existing file that is something else (an event store, say) is refused, never altered.
   */
  static open(path: string, options: { mustExist?: boolean } = {}): SqliteWrappedVault {
    const fresh = !existsSync(path) || statSync(path).size === 0
    if (fresh && options.mustExist) throw new Error(`no SQLite vault at ${path}`)
    if (fresh) mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    // A copy's target becomes a server's vault.sqlite: owner-only (0600) like every data file.
    if (!options.mustExist) ensurePrivateDatabaseFile(path)
    const db = new Database(path, options.mustExist ? { fileMustExist: true } : {})
    try {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('secure_delete = ON')
      if (fresh) db.exec(VAULT_SCHEMA)
      else if (!isVault(db)) throw new Error(`${path} is not a keyledger vault (no vault_meta, material and imported_fingerprint tables)`)
    } catch (e) {
      db.close()
      throw e
    }
    return new SqliteWrappedVault(db, `the SQLite vault ${path}`)
  }

  async keyIds(): Promise<string[]> {
    return sqliteVaultKeyIds(this.db)
  }

  async wrappedRows(keyId: string): Promise<VaultRow[]> {
    return sqliteVaultRows(this.db, keyId)
  }

  /** A file vault deletes a destroyed key's rows; nothing marks the key afterwards. */
  async destroyed(_keyId: string): Promise<boolean> {
    return false
  }

  async rootCheck(): Promise<WrappedMaterial | undefined> {
    return this.db.prepare('SELECT iv, tag, ciphertext FROM vault_meta WHERE name = ?').get('root_check') as WrappedMaterial | undefined
  }

  async putRootCheck(w: WrappedMaterial): Promise<void> {
    this.db.prepare('INSERT INTO vault_meta (name, iv, tag, ciphertext) VALUES (?, ?, ?, ?)').run('root_check', w.iv, w.tag, w.ciphertext)
  }

  /** One transaction per key: the check and the inserts commit together, or nothing does. */
  async addRows(keyId: string, rows: readonly VaultRow[]): Promise<number> {
    return this.db.transaction(() => {
      const missing = missingRows(keyId, rows, sqliteVaultRows(this.db, keyId), this.location)
      for (const r of missing) {
        if (r.type === 'material')
          this.db.prepare('INSERT INTO material (key_id, version_id, kind, imported, iv, tag, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(keyId, r.versionId, r.kind, r.imported ? 1 : 0, r.wrapped.iv, r.wrapped.tag, r.wrapped.ciphertext)
        else this.db.prepare('INSERT INTO imported_fingerprint (key_id, fingerprint) VALUES (?, ?)').run(keyId, r.fingerprint)
      }
      return missing.length
    }).immediate()
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
