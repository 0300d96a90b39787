import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { keyStreamId, keyUsageStreamId } from '../../domain/key/index.ts'

// What a compliance report folds (docs/architecture.md §7 "Reports"): key by key, the lifecycle stream and the
// usage stream merged by store position, a page at a time, so memory grows with the number of keys, not of
// events. Used by the report thread on its own SQLite connection and, for the other stores, by the server
// thread that hands the pages over (report-thread-client.ts).

/** Reads `limit` events of a stream from revision `from` (the EventStore port's readStream, or a SQLite statement). */
export type StreamReader = (streamId: string, from: number, limit: number) => Promise<readonly RecordedEvent[]> | readonly RecordedEvent[]

/** Each key's events in store order, in chunks of about `page` events; keys one after another. */
export async function* keyEventsInOrder(read: StreamReader, keyIds: readonly string[], page: number): AsyncGenerator<RecordedEvent[]> {
  for (const keyId of keyIds) {
    // The lifecycle stream is short (the key's own changes): read whole, then merged into the usage pages.
    const lifecycle: RecordedEvent[] = []
    for (let from = 0; ; from += page) {
      const read_ = await read(keyStreamId(keyId), from, page)
      lifecycle.push(...read_)
      if (read_.length < page) break
    }
    let next = 0
    for (let from = 0; ; from += page) {
      const usage = await read(keyUsageStreamId(keyId), from, page)
      const chunk: RecordedEvent[] = []
      for (const u of usage) {
        while (next < lifecycle.length && lifecycle[next]!.position < u.position) chunk.push(lifecycle[next++]!)
        chunk.push(u)
      }
      if (chunk.length > 0) yield chunk
      if (usage.length < page) break
    }
    if (next < lifecycle.length) yield lifecycle.slice(next)
  }
}
