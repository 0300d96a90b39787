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

/** Every statement the store runs, prepared once per connection. */
export const prepareStatements = (db: Database) => {
  const prefixQueries = new Map<number, Statement>()
  // Typed as the module's exported Statement, so that the declarations emitted for the package can name it.
  const prepare = <P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> => db.prepare<P, R>(sql)
  return {
    streamHead: prepare<[string], StreamHead>(
      `SELECT stream_revision AS revision, position, json_extract(metadata, '$.hash') AS hash
       FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1`),
    eventPlace: prepare<[string], { streamId: string; revision: number }>(
      'SELECT stream_id AS streamId, stream_revision AS revision FROM events WHERE event_id = ?'),
    placedFrom: prepare<[string, number, number], Placed>(
      `SELECT event_id AS eventId, stream_revision AS revision, position
       FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?`),
    insert: prepare<[string, number, string, string, string, string]>(
      'INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)'),
    readStream: prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?'),
    head: prepare<[], { head: number }>('SELECT coalesce(max(position), 0) AS head FROM events'),
    /** The audit tree, grown inside each append's savepoint (write-append.ts). */
    tree: new SqliteMerkleTree(db),
    // No DISTINCT: with it SQLite scans the whole (stream_id, revision) index instead of the new rows by position.
    streamsAfter: prepare<[number], { streamId: string }>('SELECT stream_id AS streamId FROM events WHERE position > ?'),
    begin: prepare('BEGIN IMMEDIATE'),
    commit: prepare('COMMIT'),
    savepoint: prepare('SAVEPOINT append'),
    release: prepare('RELEASE append'),
    rollbackTo: prepare('ROLLBACK TO append'),
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

export type Statements = ReturnType<typeof prepareStatements>
