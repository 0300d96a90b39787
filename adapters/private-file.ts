import Database from 'better-sqlite3'
import { chmodSync, closeSync, existsSync, fsyncSync, openSync } from 'node:fs'

/**
 * Makes `path` (a SQLite database the server keeps in its data dir) owner-only, 0600, whatever the umask: it is
 * created empty with that mode before SQLite opens it, and an existing one is tightened. SQLite gives its -wal
 * and -shm files the database file's mode; any left from before are tightened too. Events, read models and
 * access keys hold no key material, but principals, key ids, policies and call records are nobody else's.
 * `:memory:` and SQLite URIs are left alone.
 */
export const ensurePrivateDatabaseFile = (path: string): void => {
  if (path === '' || path === ':memory:' || path.startsWith('file:')) return
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600))
  for (const p of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) chmodSync(p, 0o600)
}

/**
 * Opens an owner-only WAL database in the data dir (busy timeout 5 s, the given synchronous level) and hands it
 * to `setup`; the handle is closed when setup throws, so a failed open leaves nothing open.
 */
export const openPrivateWalDatabase = <T>(path: string, synchronous: 'FULL' | 'NORMAL', setup: (db: Database.Database) => T): T => {
  ensurePrivateDatabaseFile(path)
  const db = new Database(path)
  try {
    db.pragma('busy_timeout = 5000')
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${synchronous}`)
    return setup(db)
  } catch (e) {
    db.close()
    throw e
  }
}

/**
 * Makes the entries just made in `dir` durable (fsync of the directory). The files the server makes once and
 * cannot make again (root key, account id, bootstrap and audit keys) are written with `flush` and then this: a
 * power cut or a disk that fails soon after the first start (issue 13 item 10) must not leave them empty or gone.
 */
export const syncDirectory = (dir: string): void => {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
