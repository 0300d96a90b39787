import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import type { Statements } from './statements.ts'

/** Streams read whole and kept (least recently used dropped first): key, alias and slot streams are short. */
/** Never cached (read in pages, long): their rows are skipped when looking for changed streams. */
const USAGE_PREFIX = 'keyusage-'
const MAX_STREAMS = 10_000
/** Past this many new events since the last look, dropping everything is cheaper than finding what changed. */
const MAX_SCAN = 50_000

/**
 * Whole streams as last read, so a call that loads a key does not query and decode its stream again while it is
 * unchanged. Kept valid by the log itself, whoever wrote it (this process's writer thread, another process on
 * the same file): before answering, every stream with an event after the last position looked at is dropped.
 * That look is one indexed query, and a scan of only the events committed since. The same (frozen) array comes
 * back while a stream is unchanged, so a caller may memoise what it computes from it (the folded state).
 * Usage streams are never cached: they are long and read in pages.
 * This process's own commits are told (`committed`, from the writer thread's report): when they continue the
 * positions already looked at, their streams are dropped and the look moves past them without a scan, so on a
 * busy server (every call writes a usage row) the scan covers only what other processes committed (issue 11).
 */
export class StreamCache {
  private readonly streams = new Map<string, readonly RecordedEvent[]>()
  private checkedUpTo = 0

  constructor(private readonly st: Statements) {}

  static wants(streamId: string, fromRevision: number, limit: number | undefined): boolean {
    return fromRevision <= 0 && limit === undefined && !streamId.startsWith(USAGE_PREFIX)
  }

  /**
   * Rows this process's writer committed, in position order, contiguous (one transaction). The cache already knows
   * everything up to `checkedUpTo`; if they start right after it, nothing before them is unknown: drop their
   * streams and move on. If not (another process committed in between, or the rows were already looked at), the
   * next read's scan finds them: dropping here is then only early.
   */
  committed(rows: readonly { readonly position: number; readonly stream_id: string }[]): void {
    const first = rows[0]
    if (!first) return
    for (const r of rows) if (!r.stream_id.startsWith(USAGE_PREFIX)) this.streams.delete(r.stream_id)
    if (first.position === this.checkedUpTo + 1) this.checkedUpTo = rows[rows.length - 1]!.position
  }

  read(streamId: string, readWhole: () => RecordedEvent[]): readonly RecordedEvent[] {
    this.dropChanged()
    const hit = this.streams.get(streamId)
    if (hit) {
      this.streams.delete(streamId) // re-inserted: most recently used goes last
      this.streams.set(streamId, hit)
      return hit
    }
    const events = Object.freeze(readWhole())
    this.streams.set(streamId, events)
    if (this.streams.size > MAX_STREAMS) this.streams.delete(this.streams.keys().next().value!)
    return events
  }

  private dropChanged(): void {
    const head = this.st.head.get()!.head
    if (head === this.checkedUpTo) return
    if (head < this.checkedUpTo || head - this.checkedUpTo > MAX_SCAN) this.streams.clear()
    else if (this.streams.size > 0) for (const { streamId } of this.st.streamsAfter.all(this.checkedUpTo)) this.streams.delete(streamId)
    this.checkedUpTo = head
  }
}
