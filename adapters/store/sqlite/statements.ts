import type { Database, Statement } from 'better-sqlite3'
import { SqliteMerkleTree } from '../../audit/sqlite-tree.ts'
import type { Placed } from '../shared.ts'
import type { EventRow } from './rows.ts'

export interface StreamHead {
  readonly revision: number
  readonly position: number
  readonly hash: string | null
}

export interface EventInsert {
  readonly streamId: string
  readonly revision: number
  readonly eventId: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/**
 * Every statement the store runs, prepared once per connection. Written out (not inferred) so that the type
 * declarations built for the package (docs/embedding.md "Build") can name better-sqlite3's statement type.
 */
export interface Statements {
  readonly streamHead: Statement<[string], StreamHead>
  readonly eventPlace: Statement<[string], { streamId: string; revision: number }>
  readonly placedFrom: Statement<[string, number, number], Placed>
  readonly insert: Statement<[string, number, string, string, string, string]>
  readonly readStream: Statement<[string, number, number], EventRow>
  readonly head: Statement<[], { head: number }>
  readonly tree: SqliteMerkleTree
  readonly streamsAfter: Statement<[number], { streamId: string }>
  readonly begin: Statement
  readonly commit: Statement
  readonly savepoint: Statement
  readonly release: Statement
  readonly rollbackTo: Statement
  rollback(): void
  readAll(after: number, limit: number, prefixes: readonly string[]): EventRow[]
}

/** A stream's events from a revision on, `LIMIT -1` for all; also run by the report thread's read-only connection. */
export const READ_STREAM_SQL = 'SELECT * FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?'

export const prepareStatements = (db: Database): Statements => {
  const prefixQueries = new Map<number, Statement>()
  return {
    streamHead: db.prepare<[string], StreamHead>(
      `SELECT stream_revision AS revision, position, json_extract(metadata, '$.hash') AS hash
       FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1`),
    eventPlace: db.prepare<[string], { streamId: string; revision: number }>(
      'SELECT stream_id AS streamId, stream_revision AS revision FROM events WHERE event_id = ?'),
    placedFrom: db.prepare<[string, number, number], Placed>(
      `SELECT event_id AS eventId, stream_revision AS revision, position
       FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?`),
    insert: db.prepare<[string, number, string, string, string, string]>(
      'INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)'),
    readStream: db.prepare<[string, number, number], EventRow>(READ_STREAM_SQL),
    head: db.prepare<[], { head: number }>('SELECT coalesce(max(position), 0) AS head FROM events'),
    /** The audit tree, grown inside each append's savepoint (write-append.ts). */
    tree: new SqliteMerkleTree(db),
    // No DISTINCT: with it SQLite scans the whole (stream_id, revision) index instead of the new rows by position.
    // Usage streams are never cached (stream-cache.ts): their rows, most of a busy store's, stay out of the answer.
    streamsAfter: db.prepare<[number], { streamId: string }>(`SELECT stream_id AS streamId FROM events WHERE position > ? AND stream_id NOT GLOB 'keyusage-*'`),
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    savepoint: db.prepare('SAVEPOINT append'),
    release: db.prepare('RELEASE append'),
    rollbackTo: db.prepare('ROLLBACK TO append'),
    rollback(): void {
      if (db.inTransaction) db.exec('ROLLBACK')
    },
    /** readAll: one statement per number of prefixes; `limit -1` is SQLite's "no limit". */
    readAll(after: number, limit: number, prefixes: readonly string[]): EventRow[] {
      let stmt = prefixQueries.get(prefixes.length)
      if (!stmt) {
        // substr counts characters, so the length parameter is the prefix's code point count, not UTF-16 units
        const filter = prefixes.map(() => 'substr(stream_id, 1, ?) = ?').join(' OR ')
        stmt = db.prepare(`SELECT * FROM events WHERE position > ? ${filter ? `AND (${filter})` : ''} ORDER BY position LIMIT ?`)
        prefixQueries.set(prefixes.length, stmt)
      }
      // eslint-disable-next-line @typescript-eslint/no-misused-spread -- counts code points on purpose, as SQLite length() does
      return stmt.all(after, ...prefixes.flatMap((p) => [[...p].length, p]), limit) as EventRow[]
    },
  }
}

