import type { RecordedEvent } from '../../domain/events/envelope.ts'
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
