import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { NewEvent, RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { keyUsageStreamId } from '../../../domain/key/events.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { timeOrderedUuid } from '../../../adapters/ids.ts'

// The flat-cost row's big history, built fast and exactly as the server writes it: the server (stopped now)
// answered one real Encrypt on the key, whose ActionInvoked event is the template; each copy gets a new event
// id (time-ordered, as the server's), request id and time (every field that held the template's request id or time), and the copies go through
// the store port's own append (SqliteEventStore.append, many events per call, one transaction each), which seals
// the hash chain as for any append. `keyledger audit verify` (or spec/scripts/bench) can check the chain.

const BATCH = 10_000

/** `value` with every string equal to a key of `swap` replaced by its value, at every depth. */
const swapStrings = (value: unknown, swap: ReadonlyMap<string, string>): unknown => {
  if (typeof value === 'string') return swap.get(value) ?? value
  if (Array.isArray(value)) return value.map((v) => swapStrings(v, swap))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapStrings(v, swap)]))
  return value
}

/** What to vary in each copy: the template's request id and its times (ISO strings). */
const variables = (e: RecordedEvent): { requestIds: string[]; times: string[] } => {
  const strings = new Set<string>()
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.add(v)
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk)
  }
  walk(e.data)
  walk(e.metadata)
  const requestId = (e.metadata as { requestId?: string }).requestId
  return {
    requestIds: requestId ? [requestId] : [],
    times: [...strings].filter((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s)),
  }
}

export interface HistoryBuilt {
  readonly events: number
  readonly seconds: number
  readonly eventsPerSecond: number
  readonly lastRevision: number
  readonly bytesPerEvent: number
}

export const appendUsageHistory = async (storePath: string, keyId: string, count: number, progress?: (done: number) => void): Promise<HistoryBuilt> => {
  const store = await SqliteEventStore.open(storePath)
  try {
    const streamId = keyUsageStreamId(keyId)
    const existing = await store.readStream(streamId)
    const template = [...existing].reverse().find((e) => e.type === 'ActionInvoked')
    if (!template) throw new Error(`${streamId} has no ActionInvoked event to copy`)
    const { requestIds, times } = variables(template)
    const { prevHash: _p, hash: _h, ...metadata } = template.metadata as Record<string, unknown>
    const t0 = Date.parse(times[0] ?? new Date().toISOString())
    let revision = existing[existing.length - 1]!.revision
    const started = performance.now()
    let bytes = 0
    for (let done = 0; done < count;) {
      const n = Math.min(BATCH, count - done)
      const batch: NewEvent[] = []
      for (let i = 0; i < n; i++) {
        const id = randomUUID()
        // 1,000 events per millisecond after the template: times never go backwards in the log.
        const ms = t0 + Math.floor((done + i) / 1000)
        const at = new Date(ms).toISOString()
        const swap = new Map<string, string>([...requestIds.map((r) => [r, id] as const), ...times.map((t) => [t, at] as const)])
        // The event id as the server makes it (adapters/ids.ts), for the time the copy claims.
        const e: NewEvent = { eventId: timeOrderedUuid(ms), type: template.type, data: swapStrings(template.data, swap), metadata: swapStrings(metadata, swap) as NewEvent['metadata'] }
        if (done === 0 && i === 0) bytes = JSON.stringify(e.data).length + JSON.stringify(e.metadata).length + 64 * 2 + 150
        batch.push(e)
      }
      const r = await store.append(streamId, revision, batch)
      if (E.isLeft(r)) throw new Error(`bulk append conflicted at revision ${revision} (actual ${r.left.actual}): is the server still running?`)
      revision = r.right.lastRevision
      done += n
      progress?.(done)
    }
    const seconds = (performance.now() - started) / 1000
    return { events: count, seconds, eventsPerSecond: count / seconds, lastRevision: revision, bytesPerEvent: bytes }
  } finally {
    await store.close()
  }
}
