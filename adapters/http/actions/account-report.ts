import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { keyStreamId, keyUsageStreamId } from '../../../domain/key/index.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { ReportFold, type ReportInput } from '../../../projections/reports/index.ts'

// GetComplianceReport's read (docs/architecture.md §7 "Reports"): any size of history, without holding the event
// loop. Key by key, the lifecycle stream and the usage stream are merged by store position and fed to the
// report's fold a page at a time; between pages the request yields, so a report over a million events costs other
// callers at most one page's read and fold at a time. Memory grows with the number of keys, not of events.

/** Events read and folded between two yields: a few milliseconds of work. */
export const REPORT_PAGE = 500

const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Folds the keys' events as of `at`, page by page, yielding between pages. */
export const foldKeysPaged = async (store: EventStore, keyIds: readonly string[], at: Date, page = REPORT_PAGE): Promise<ReportInput> => {
  const fold = new ReportFold(at)
  for (const keyId of keyIds) {
    const lifecycle = await readWhole(store, keyStreamId(keyId), page)
    let next = 0
    const feed: RecordedEvent[] = []
    for (let from = 0; ; from += page) {
      const usage = await store.readStream(keyUsageStreamId(keyId), from, page)
      for (const u of usage) {
        while (next < lifecycle.length && lifecycle[next]!.position < u.position) feed.push(lifecycle[next++]!)
        feed.push(u)
      }
      fold.add(feed)
      feed.length = 0
      await yieldToOthers()
      if (usage.length < page) break
    }
    fold.add(lifecycle.slice(next))
  }
  return fold.result()
}

/** A key's lifecycle stream (short: its own changes), read in pages with yields between them. */
const readWhole = async (store: EventStore, streamId: string, page: number): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = []
  for (let from = 0; ; from += page) {
    const read = await store.readStream(streamId, from, page)
    out.push(...read)
    if (read.length < page) return out
    await yieldToOthers()
  }
}
