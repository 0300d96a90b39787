import Database from 'better-sqlite3'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { MemoryEventStore } from '../../adapters/store/memory.ts'

// Tampering with a store's recorded events, as an attacker with write access to its storage would. For the
// memory store this reaches into its private log and stream arrays (both, so readAll and readStream agree).
// When the SQLite event store lands (branch `store`: table events(position, stream_id, stream_revision,
// event_id, type, data, metadata)), the same functions become UPDATE/INSERT/DELETE statements on its file.

interface Internals { log: RecordedEvent[]; streams: Map<string, RecordedEvent[]> }
const inside = (store: MemoryEventStore): Internals => store as unknown as Internals

const replace = (store: MemoryEventStore, old: RecordedEvent, next: RecordedEvent | undefined): void => {
  const { log, streams } = inside(store)
  const stream = streams.get(old.streamId)!
  const li = log.indexOf(old)
  const si = stream.indexOf(old)
  if (next) { log[li] = next; stream[si] = next } else { log.splice(li, 1); stream.splice(si, 1) }
}

const find = (store: MemoryEventStore, streamId: string, revision: number): RecordedEvent => {
  const e = inside(store).streams.get(streamId)?.find((x) => x.revision === revision)
  if (!e) throw new Error(`no event ${streamId}@${revision}`)
  return e
}

export const alterData = (store: MemoryEventStore, streamId: string, revision: number, data: unknown): void => {
  const e = find(store, streamId, revision)
  replace(store, e, { ...e, data })
}

export const alterMetadata = (store: MemoryEventStore, streamId: string, revision: number, patch: Partial<RecordedEvent['metadata']>): void => {
  const e = find(store, streamId, revision)
  replace(store, e, { ...e, metadata: { ...e.metadata, ...patch } })
}

export const removeEvent = (store: MemoryEventStore, streamId: string, revision: number): void =>
  replace(store, find(store, streamId, revision), undefined)

/** Puts `event` into the stream right after `afterRevision`, as a forged row would sit. */
export const insertEvent = (store: MemoryEventStore, streamId: string, afterRevision: number, event: RecordedEvent): void => {
  const { log, streams } = inside(store)
  const stream = streams.get(streamId)!
  const prev = find(store, streamId, afterRevision)
  stream.splice(stream.indexOf(prev) + 1, 0, event)
  log.splice(log.indexOf(prev) + 1, 0, event)
}

/** Swaps two events of a stream in both the stream and the global log. */
export const swapEvents = (store: MemoryEventStore, streamId: string, a: number, b: number): void => {
  const { log, streams } = inside(store)
  const stream = streams.get(streamId)!
  const ea = find(store, streamId, a)
  const eb = find(store, streamId, b)
  const [sa, sb, la, lb] = [stream.indexOf(ea), stream.indexOf(eb), log.indexOf(ea), log.indexOf(eb)]
  stream[sa] = eb; stream[sb] = ea; log[la] = eb; log[lb] = ea
}

/** Cuts the last `count` events off a stream. */
export const truncateStream = (store: MemoryEventStore, streamId: string, count: number): void => {
  const stream = inside(store).streams.get(streamId)!
  for (const e of stream.slice(-count)) replace(store, e, undefined)
}

export const eventAt = find

// ---- The same attacks on the SQLite event store's file (adapters/store/sqlite/schema.ts: table `events`,
// position = rowid, UNIQUE (stream_id, stream_revision)), with better-sqlite3 on the file while no server runs.


type Row = { position: number; stream_id: string; stream_revision: number; event_id: string; type: string; data: string; metadata: string }

const onFile = <T>(path: string, f: (db: Database.Database) => T): T => {
  const db = new Database(path)
  try {
    return db.transaction(() => f(db))()
  } finally {
    db.close()
  }
}
const rowOf = (db: Database.Database, streamId: string, revision: number): Row => {
  const r = db.prepare('SELECT * FROM events WHERE stream_id = ? AND stream_revision = ?').get(streamId, revision) as Row | undefined
  if (!r) throw new Error(`no event ${streamId}@${revision} in the file`)
  return r
}

export const sqliteFile = {
  streamRevisions: (path: string, streamId: string): number[] =>
    onFile(path, (db) => (db.prepare('SELECT stream_revision AS r FROM events WHERE stream_id = ? ORDER BY stream_revision').all(streamId) as { r: number }[]).map((x) => x.r)),
  alterData: (path: string, streamId: string, revision: number, patch: Record<string, unknown>): void => onFile(path, (db) => {
    const r = rowOf(db, streamId, revision)
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...JSON.parse(r.data), ...patch }), r.position)
  }),
  alterMetadata: (path: string, streamId: string, revision: number, patch: Record<string, unknown>): void => onFile(path, (db) => {
    const r = rowOf(db, streamId, revision)
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify({ ...JSON.parse(r.metadata), ...patch }), r.position)
  }),
  /** A forged copy of an event appended at the end of the file, claiming the stream's next revision. */
  insertForged: (path: string, streamId: string, copyOf: number): void => onFile(path, (db) => {
    const r = rowOf(db, streamId, copyOf)
    const next = (db.prepare('SELECT max(stream_revision) AS m FROM events WHERE stream_id = ?').get(streamId) as { m: number }).m + 1
    db.prepare('INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
      .run(streamId, next, `forged-${r.event_id}`, r.type, r.data, r.metadata)
  }),
  deleteRow: (path: string, streamId: string, revision: number): void => onFile(path, (db) => {
    db.prepare('DELETE FROM events WHERE position = ?').run(rowOf(db, streamId, revision).position)
  }),
  /** Swaps the content of two events of a stream (their revisions stay in place): the order of facts changes. */
  swapRows: (path: string, streamId: string, a: number, b: number): void => onFile(path, (db) => {
    const ra = rowOf(db, streamId, a)
    const rb = rowOf(db, streamId, b)
    const set = db.prepare('UPDATE events SET event_id = ?, type = ?, data = ?, metadata = ? WHERE position = ?')
    set.run(`swap-${ra.event_id}`, ra.type, ra.data, ra.metadata, ra.position) // frees ra's unique event id
    set.run(ra.event_id, ra.type, ra.data, ra.metadata, rb.position)
    set.run(rb.event_id, rb.type, rb.data, rb.metadata, ra.position)
  }),
  /** Cuts the last `count` events of a stream: what remains is still a valid chain. */
  truncateTail: (path: string, streamId: string, count: number): void => onFile(path, (db) => {
    db.prepare('DELETE FROM events WHERE position IN (SELECT position FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT ?)').run(streamId, count)
  }),
}
