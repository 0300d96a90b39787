import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { keyStreamId, keyUsageStreamId } from '../../../domain/key/index.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { ReportFold, type ReportInput } from '../../../projections/reports/index.ts'

// GetComplianceReport's read (docs/architecture.md §7 "Reports"): any size of history, without holding the event
// loop. Key by key, the lifecycle stream and the usage stream are merged by store position and fed to the
// report's fold a page at a time, and the fold lets other requests run whenever it has held the event loop for
// REPORT_SLICE_MS: a report over a million events costs another caller a few slices, not the report's length. Memory grows with the number of keys, not of events.

/** Events read at once from a stream. */
export const REPORT_PAGE = 200
/** The longest the report holds the event loop before it lets other requests run. */
export const REPORT_SLICE_MS = 4

const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Feeds events to the fold, yielding whenever a slice of the event loop is used up. */
class Slicer {
  private since = performance.now()
  constructor(private readonly fold: ReportFold) {}

  async feed(events: readonly RecordedEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 25) {
      this.fold.add(events.slice(i, i + 25))
      await this.pause()
    }
  }

  async pause(): Promise<void> {
    if (performance.now() - this.since < REPORT_SLICE_MS) return
    await yieldToOthers()
    this.since = performance.now()
  }
}

/** Folds the keys' events as of `at`, page by page, yielding between pages. */
export const foldKeysPaged = async (store: EventStore, keyIds: readonly string[], at: Date, page = REPORT_PAGE): Promise<ReportInput> => {
  const fold = new ReportFold(at)
  const slicer = new Slicer(fold)
  for (const keyId of keyIds) {
    const lifecycle = await readWhole(store, keyStreamId(keyId), page, slicer)
    let next = 0
    const feed: RecordedEvent[] = []
    for (let from = 0; ; from += page) {
      const usage = await store.readStream(keyUsageStreamId(keyId), from, page)
      for (const u of usage) {
        while (next < lifecycle.length && lifecycle[next]!.position < u.position) feed.push(lifecycle[next++]!)
        feed.push(u)
      }
      await slicer.feed(feed)
      feed.length = 0
      if (usage.length < page) break
    }
    await slicer.feed(lifecycle.slice(next))
  }
  return fold.result()
}

/** A key's lifecycle stream (short: its own changes), read in pages with yields between them. */
const readWhole = async (store: EventStore, streamId: string, page: number, slicer: Slicer): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = []
  for (let from = 0; ; from += page) {
    const read = await store.readStream(streamId, from, page)
    out.push(...read)
    if (read.length < page) return out
    await slicer.pause()
  }
}
