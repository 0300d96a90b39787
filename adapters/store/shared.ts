import type { NewEvent, RecordedEvent } from '../../domain/events/envelope.ts'
import type { AppendResult, ExpectedRevision, ReadAllOptions, Subscription } from '../../domain/ports/event-store.ts'

// Behaviour every store adapter shares, so that each passes the contract suite the same way.

export const expectedRevisionHolds = (expected: ExpectedRevision, actual: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && actual === -1) ||
  (expected === 'stream_exists' && actual >= 0) ||
  expected === actual

/**
 * An append whose event ids are already the stream's events right after the expected revision is a client
 * retrying after a lost acknowledgement: answer as the first time, write nothing.
 */
export const idempotentRetry = (
  stream: readonly RecordedEvent[],
  expected: ExpectedRevision,
  events: readonly NewEvent[]
): AppendResult | undefined => {
  if (events.length === 0) return undefined
  const first = events[0]!.eventId
  const at = stream.findIndex((e) => e.eventId === first)
  if (at < 0) return undefined
  if (typeof expected === 'number' && at !== expected + 1) return undefined
  if (expected === 'no_stream' && at !== 0) return undefined
  const written = stream.slice(at, at + events.length)
  if (written.length !== events.length || written.some((e, i) => e.eventId !== events[i]!.eventId)) return undefined
  const last = written[written.length - 1]!
  return { lastRevision: last.revision, position: last.position }
}

export const matchesPrefixes = (streamId: string, prefixes?: readonly string[]): boolean =>
  !prefixes || prefixes.length === 0 || prefixes.some((p) => streamId.startsWith(p))

const CATCH_UP_PAGE = 500

/**
 * Catch-up subscriptions over a store that can `readAll`: read pages from the checkpoint, then wait for a
 * notification (a local commit) or a poll tick (commits by other processes sharing the store), and read again.
 * Each subscription delivers in order, one event at a time, awaiting its handler.
 */
export class LiveFeed {
  private readonly waiters = new Set<() => void>()
  private readonly active = new Set<Promise<void>>()
  constructor(private readonly pollMs = 0) {}

  notify(): void {
    for (const w of [...this.waiters]) w()
  }

  subscribe(
    options: Omit<ReadAllOptions, 'limit'>,
    readAll: (o: ReadAllOptions) => Promise<RecordedEvent[]>,
    handler: (e: RecordedEvent) => Promise<void> | void
  ): Subscription {
    let stopped = false
    let wake: (() => void) | undefined
    let after = options.after ?? 0
    const loop = (async () => {
      while (!stopped) {
        const page = await readAll({ ...options, after, limit: CATCH_UP_PAGE })
        for (const e of page) {
          if (stopped) return
          await handler(e)
          after = e.position
        }
        if (page.length === CATCH_UP_PAGE || stopped) continue
        await new Promise<void>((resolve) => {
          const timer = this.pollMs > 0 ? setTimeout(resolve, this.pollMs) : undefined
          wake = () => {
            if (timer) clearTimeout(timer)
            this.waiters.delete(wake!)
            resolve()
          }
          this.waiters.add(wake)
        })
      }
    })()
    this.active.add(loop)
    return {
      stop: async () => {
        stopped = true
        wake?.()
        await loop.catch(() => undefined)
        this.active.delete(loop)
      },
    }
  }

  async close(): Promise<void> {
    for (const w of [...this.waiters]) w()
  }
}
