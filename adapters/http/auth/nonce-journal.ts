import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openPrivateWalDatabase } from '../../private-file.ts'
import { checkSchema, SCHEMAS } from '../../data-dir/schema-version.ts'
import { isStorageFault } from '../storage-fault.ts'

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
// An answer computed within the turn that accepted its nonce (a read: DescribeKey answers before the turn ends)
// waits for that batch (`afterFlush`) instead of flushing on its own, so the requests read from every socket in
// one poll of the event loop share one transaction; it still leaves only once its nonce is written.
// A disk that refuses writes (full, read-only, failing: issue 13 item 10) does not stop the server: the nonces stay
// queued (and in the verifier's memory, so a replay to this process is still refused) and are written by the next
// flush that succeeds; reads keep being served. What that costs: a request accepted while the journal could not be
// written, replayed after a restart within its window, is not known as used (docs/operations.md "Storage faults").
// Per node: on EventStoreDB, nodes do not share this file; they share a record in the database instead
// (adapters/store/esdb/nonce-record.ts).
// Append-only (issue 11): rows go to the end of a rowid table with an index on the request time, so a commit
// writes the table's and the index's last pages and a prune deletes from their first ones. The earlier table
// was keyed by (access key, nonce), WITHOUT ROWID: a random nonce put every insert, and every pruned row, on a
// random page of a b-tree holding the whole window. Uniqueness needs no key here: the verifier's nonce cache
// refuses a replay before it is recorded, and loading a nonce twice at start is harmless.
// The table keeps its name and columns, so an earlier keyledger opening the file after a rollback (its `CREATE
// TABLE IF NOT EXISTS nonces`, `INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)`, `SELECT … FROM nonces`) still
// reads the live nonces and keeps refusing their replays (spec/adapters/http/auth/nonce-journal.spec.ts).

export const NONCE_FILE = 'nonces.sqlite'

export const TABLE = 'nonces'

/** Creates the append-only table; rebuilds a keyed (WITHOUT ROWID) one written before issue 11, in one transaction. */
const migrateJournal = (db: Database.Database): void => {
  db.transaction(() => {
    checkSchema(db, db.name, SCHEMAS.nonceJournal)
    const existing = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '${TABLE}'`).get() as { sql: string } | undefined
    const create = (name: string) => db.exec(`CREATE TABLE ${name} (access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, at INTEGER NOT NULL) STRICT`)
    if (existing === undefined) create(TABLE)
    else if (/WITHOUT\s+ROWID/i.test(existing.sql)) {
      create(`${TABLE}_rowid`)
      db.exec(`INSERT INTO ${TABLE}_rowid (access_key_id, nonce, at) SELECT access_key_id, nonce, at FROM ${TABLE} ORDER BY at`)
      db.exec(`DROP TABLE ${TABLE}`)
      db.exec(`ALTER TABLE ${TABLE}_rowid RENAME TO ${TABLE}`)
    }
    db.exec(`CREATE INDEX IF NOT EXISTS ${TABLE}_at ON ${TABLE} (at)`)
  }).immediate()
}

/** How many nonces wait in memory for a disk that refuses writes (the newest are kept). */
const MAX_UNWRITTEN = 100_000

export interface JournalledNonce { readonly accessKeyId: string; readonly nonce: string; readonly at: number }

/** Where the verifier keeps accepted nonces beyond the process. */
export interface NonceJournal {
  /** The nonces whose request time is at or after `sinceMs` (older ones are refused on their timestamp anyway). */
  live(sinceMs: number): JournalledNonce[]
  /** Queues the nonce; it is written by `flush`, at the latest at the end of this turn of the event loop. */
  record(n: JournalledNonce): void
  /** Writes what `record` queued (a no-op when nothing is): called before any answer leaves. */
  flush(): void
  /**
   * Runs `then` once every nonce recorded so far is written (a storage fault counts as written, as in `flush`:
   * the nonces stay queued and in memory): at once when none waits, else after the write at the end of this turn,
   * which the nonces of other answers of the same turn share. A fault of any other kind is passed to `then`.
   */
  afterFlush(then: (fault?: unknown) => void): void
  /** Drops the rows older than `beforeMs`. */
  prune(beforeMs: number): void
  close(): void
}

export class SqliteNonceJournal implements NonceJournal {
  private readonly insert: Database.Statement
  private readonly remove: Database.Statement
  private readonly insertAll: (rows: readonly JournalledNonce[]) => void
  private pending: JournalledNonce[] = []
  /** Answers waiting for the next write (afterFlush). */
  private waiting: ((fault?: unknown) => void)[] = []
  private scheduled = false
  private failing = false

  private constructor(private readonly db: Database.Database, private readonly onFault: (fault: unknown) => void) {
    migrateJournal(db)
    this.insert = db.prepare(`INSERT INTO ${TABLE} (access_key_id, nonce, at) VALUES (?, ?, ?)`)
    this.remove = db.prepare(`DELETE FROM ${TABLE} WHERE at < ?`)
    this.insertAll = db.transaction((rows: readonly JournalledNonce[]) => {
      for (const n of rows) this.insert.run(n.accessKeyId, n.nonce, n.at)
    })
  }

  /** @param onFault told when writing starts failing on a storage fault (null when it works again) */
  static open(dataDir: string, onFault: (fault: unknown) => void = () => {}): SqliteNonceJournal {
    return openPrivateWalDatabase(join(dataDir, NONCE_FILE), 'NORMAL', (db) => new SqliteNonceJournal(db, onFault))
  }

  live(sinceMs: number): JournalledNonce[] {
    return (this.db.prepare(`SELECT access_key_id, nonce, at FROM ${TABLE} WHERE at >= ? ORDER BY at`).all(sinceMs) as { access_key_id: string; nonce: string; at: number }[])
      .map((r) => ({ accessKeyId: r.access_key_id, nonce: r.nonce, at: r.at }))
  }

  record(n: JournalledNonce): void {
    this.pending.push(n)
    this.schedule()
  }

  afterFlush(then: (fault?: unknown) => void): void {
    if (this.pending.length === 0 || !this.db.open) return then()
    this.waiting.push(then)
    // Nonces left pending by a write the storage refused are not scheduled again by `record` alone: without this,
    // an answer that recorded no nonce of its own (a refusal, a 429) would wait for a write nobody starts.
    this.schedule()
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.endOfTurn())
  }

  /** The batch write at the end of the turn; a fault the waiting answers were told of is theirs to report. */
  private endOfTurn(): void {
    const told = this.waiting.length > 0
    try {
      this.flush()
    } catch (e) {
      if (!told) throw e
    }
  }

  flush(): void {
    this.scheduled = false
    const waiting = this.waiting
    this.waiting = []
    let fault: unknown
    try {
      this.write()
    } catch (e) {
      fault = e
      throw e
    } finally {
      for (const then of waiting) then(fault)
    }
  }

  private write(): void {
    if (this.pending.length === 0 || !this.db.open) return
    const rows = this.pending
    this.pending = []
    try {
      this.insertAll(rows)
    } catch (e) {
      if (!isStorageFault(e)) throw e
      // Kept for the next flush, up to a bound (the verifier's memory still holds every one of them).
      this.pending = rows.length + this.pending.length > MAX_UNWRITTEN ? [...rows, ...this.pending].slice(-MAX_UNWRITTEN) : [...rows, ...this.pending]
      if (!this.failing) this.onFault(e)
      this.failing = true
      return
    }
    if (this.failing) this.onFault(null)
    this.failing = false
  }

  prune(beforeMs: number): void {
    this.flush()
    if (this.failing) return
    this.remove.run(beforeMs)
  }

  close(): void {
    this.flush()
    this.db.close()
  }
}
