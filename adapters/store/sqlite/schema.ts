import type { Database } from 'better-sqlite3'

/** 'KLDG': marks the file as a keyledger event store, so we never migrate someone else's database. */
export const APPLICATION_ID = 0x4b4c4447

/**
 * Migrations in order; `PRAGMA user_version` counts how many ran. Append new ones, never edit an old one:
 * files in the field were created by it.
 */
const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [
  (db) => {
    // position is the rowid: SQLite has one writer at a time, so positions commit in order and a catch-up
    // reader never sees a gap fill in later (unlike a sequence in a concurrent database). Rows are never
    // deleted, so AUTOINCREMENT's no-reuse guarantee is not needed.
    db.exec(`
      CREATE TABLE events (
        position        INTEGER PRIMARY KEY,
        stream_id       TEXT    NOT NULL,
        stream_revision INTEGER NOT NULL,
        event_id        TEXT    NOT NULL UNIQUE,
        type            TEXT    NOT NULL,
        data            TEXT    NOT NULL, -- JSON
        metadata        TEXT    NOT NULL, -- JSON, with the hash chain links
        UNIQUE (stream_id, stream_revision)
      ) STRICT;
    `)
    db.pragma(`application_id = ${APPLICATION_ID}`)
  },
]

export const SCHEMA_VERSION = MIGRATIONS.length

export class UnusableDatabase extends Error {
  override name = 'UnusableDatabase'
}

/** Brings the file to SCHEMA_VERSION. Runs under the write lock, so two processes opening a new file do not race. */
export const migrate = (db: Database, path: string): void => {
  db.exec('BEGIN IMMEDIATE')
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    const appId = db.pragma('application_id', { simple: true }) as number
    const tables = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'`).get() as { n: number }).n
    if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || tables > 0))
      throw new UnusableDatabase(`${path} is not a keyledger event store (application_id ${appId}, ${tables} tables)`)
    if (version > SCHEMA_VERSION)
      throw new UnusableDatabase(`DataDir.TooNew: ${path} has event store schema version ${version}, newer than this keyledger knows (${SCHEMA_VERSION}): a newer keyledger wrote it. Run that version (or newer): upgrade keyledger`)
    for (let v = version; v < SCHEMA_VERSION; v++) MIGRATIONS[v]!(db)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    db.exec('COMMIT')
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw e
  }
}
