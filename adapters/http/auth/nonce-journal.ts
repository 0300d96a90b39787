import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openPrivateWalDatabase } from '../../private-file.ts'

// Replay across restarts (issue 13, item 2): the nonce cache lives in memory, so a request captured before a
// restart used to be accepted again after it. The nonces of accepted requests are now also written to
// `<dataDir>/nonces.sqlite` and loaded back at start for as long as their requests stay within the timestamp
// window, so a replay is refused after a restart exactly as before it.
// Why persisted rather than "refuse everything signed before the start": the window also reaches ahead of the
// server's clock (aheadSeconds), so a request from a client whose clock runs fast, captured before a restart,
// carries a time after the restart: no timestamp rule can tell it from a fresh one; only its nonce can.
// Written before the answer, in WAL with synchronous=NORMAL: a crash of the process loses nothing (the WAL is in
// the OS's cache); a power cut may lose the last nonces, a residual risk documented in docs/http-api.md.
// Batched (issue 11): the nonces accepted in one turn of the event loop go in one transaction, written at the end
// of the turn or, sooner, when the first answer is about to leave (`flush`, which the HTTP server calls before it
// sends any answer): one insert transaction a batch instead of one a request (docs/architecture.md §8).
// Per node: on EventStoreDB, nodes do not share this file; they share a record in the database instead
// (adapters/store/esdb/nonce-record.ts).

export const NONCE_FILE = 'nonces.sqlite'

export interface JournalledNonce { readonly accessKeyId: string; readonly nonce: string; readonly at: number }

/** Where the verifier keeps accepted nonces beyond the process. */
export interface NonceJournal {
  /** The nonces whose request time is at or after `sinceMs` (older ones are refused on their timestamp anyway). */
  live(sinceMs: number): JournalledNonce[]
  /** Queues the nonce; it is written by `flush`, at the latest at the end of this turn of the event loop. */
  record(n: JournalledNonce): void
  /** Writes what `record` queued (a no-op when nothing is): called before any answer leaves. */
  flush(): void
  /** Drops the rows older than `beforeMs`. */
  prune(beforeMs: number): void
  close(): void
}

export class SqliteNonceJournal implements NonceJournal {
  private readonly insert: Database.Statement
  private readonly remove: Database.Statement
  private readonly insertAll: (rows: readonly JournalledNonce[]) => void
  private pending: JournalledNonce[] = []
  private scheduled = false

  private constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS nonces (
      access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, at INTEGER NOT NULL,
      PRIMARY KEY (access_key_id, nonce)) STRICT, WITHOUT ROWID`)
    db.exec('CREATE INDEX IF NOT EXISTS nonces_at ON nonces (at)')
    this.insert = db.prepare('INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)')
    this.remove = db.prepare('DELETE FROM nonces WHERE at < ?')
    this.insertAll = db.transaction((rows: readonly JournalledNonce[]) => {
      for (const n of rows) this.insert.run(n.accessKeyId, n.nonce, n.at)
    })
  }

  static open(dataDir: string): SqliteNonceJournal {
    return openPrivateWalDatabase(join(dataDir, NONCE_FILE), 'NORMAL', (db) => new SqliteNonceJournal(db))
  }

  live(sinceMs: number): JournalledNonce[] {
    return (this.db.prepare('SELECT access_key_id, nonce, at FROM nonces WHERE at >= ? ORDER BY at').all(sinceMs) as { access_key_id: string; nonce: string; at: number }[])
      .map((r) => ({ accessKeyId: r.access_key_id, nonce: r.nonce, at: r.at }))
  }

  record(n: JournalledNonce): void {
    this.pending.push(n)
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.flush())
  }

  flush(): void {
    this.scheduled = false
    if (this.pending.length === 0 || !this.db.open) return
    const rows = this.pending
    this.pending = []
    this.insertAll(rows)
  }

  prune(beforeMs: number): void {
    this.flush()
    this.remove.run(beforeMs)
  }

  close(): void {
    this.flush()
    this.db.close()
  }
}
