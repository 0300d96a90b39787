import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { ReadAllOptions, Subscription } from '../../domain/ports/event-store.ts'

const CATCH_UP_PAGE = 500
/** How many of the latest committed events the feed keeps in memory for subscribers to take instead of reading. */
const TAIL_LIMIT = 2000

export type SubscriptionErrorReporter = (error: unknown) => void

/** Default: a failed subscription must not end silently, or a read model would freeze without anyone noticing. */
export const warnSubscriptionFailed: SubscriptionErrorReporter = (error) =>
  process.emitWarning(`event store subscription stopped: ${error instanceof Error ? error.message : String(error)}`, 'KeyledgerSubscription')

/**
 * Catch-up subscriptions over a store that can `readAll`: read pages from the checkpoint, then sleep until a
 * notification (a local commit) or a poll tick (commits by other processes sharing the store), and read again.
 * Each subscription delivers in order, one event at a time, awaiting its handler.
 *
 * A handler that throws (or a read that fails) ends that subscription and is reported: skipping the event would
 * break "exactly once, in order", and retrying forever would spin on a poison event. The store is unaffected.
 */
export class LiveFeed {
  /** Bumped on every notify, so a commit that lands while a subscriber reads or runs its handler is not lost. */
  private version = 0
  private readonly sleepers = new Set<() => void>()
  private readonly running = new Set<Subscription>()
  private closed = false
  /**
   * The subscription whose handler is running its synchronous part right now: stop() from there must not wait for
   * itself. A marker set around the call, not an AsyncLocalStorage: in Node 20 one AsyncLocalStorage in use turns
   * on promise hooks for every promise of the process (issue 11: ~4 % of the server's CPU). Every handler here
   * stops its subscription, if at all, before its first await (application/feed/key-feed.ts, the runner's failure).
   */
  private handling: Subscription | undefined

  constructor(private readonly pollMs = 0, private readonly report: SubscriptionErrorReporter = warnSubscriptionFailed) {}

  /**
   * The latest events this process committed, contiguous in position (tail[i].position = tail[0].position + i).
   * A subscriber whose checkpoint lies inside it takes its next events from here instead of reading them back from
   * the store it just wrote them to. Events another process committed in between break the run: the tail restarts,
   * and a subscriber behind it reads from the store as before.
   */
  private tail: RecordedEvent[] = []

  /** `committed`: the events of the commit, in position order, when the store has them at hand. */
  notify(committed: readonly RecordedEvent[] = []): void {
    const contiguous = committed.every((e, i) => e.position === committed[0]!.position + i)
    if (!contiguous) this.tail = []
    else if (committed.length > 0) {
      const last = this.tail.at(-1)
      if (last && committed[0]!.position === last.position + 1 && this.tail.length + committed.length <= TAIL_LIMIT) this.tail.push(...committed)
      else if (last && committed[0]!.position === last.position + 1) this.tail = [...this.tail.slice(Math.max(0, this.tail.length + committed.length - TAIL_LIMIT)), ...committed]
      else this.tail = [...committed]
    }
    this.version++
    for (const wake of [...this.sleepers]) wake()
  }

  /**
   * `head`: the store's last position. A subscription to some stream prefixes moves its checkpoint past the events
   * it filtered out, so the next read starts after them: otherwise every commit to other streams (each call's
   * usage record) would make it rescan a tail that grows with the store.
   */
  subscribe(
    options: Omit<ReadAllOptions, 'limit'>,
    readAll: (o: ReadAllOptions) => Promise<RecordedEvent[]>,
    handler: (e: RecordedEvent) => Promise<void> | void,
    head?: () => Promise<number>
  ): Subscription {
    if (this.closed) return { stop: async () => undefined }
    let stopped = false
    let wake: (() => void) | undefined
    let after = options.after ?? 0
    const filtered = (options.streamPrefixes?.length ?? 0) > 0
    // Catch-up reads the file (it may hold what no commit of this process put in the tail); live delivery, after
    // the first page that is not full, takes from the tail.
    let live = false
    const run = async (self: Subscription): Promise<void> => {
      while (!stopped) {
        const seen = this.version
        // Read before the page: every matching event up to it is in a page that is not full.
        const fromTail = live ? this.fromTail(after, options.streamPrefixes) : undefined
        const scanned = fromTail ? fromTail.scanned : filtered && head ? await head() : 0
        const page = fromTail ? fromTail.page : await readAll({ ...options, after, limit: CATCH_UP_PAGE })
        for (const e of page) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() sets it while this awaits; TypeScript narrows it as if nothing could
          if (stopped) return
          const outer = this.handling
          this.handling = self
          let done: Promise<void> | void
          try {
            done = handler(e)
          } finally {
            this.handling = outer
          }
          await done
          after = e.position
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() sets it while this awaits; TypeScript narrows it as if nothing could
        if (stopped) return
        if (page.length === CATCH_UP_PAGE) continue
        after = Math.max(after, scanned)
        live = true
        if (fromTail?.more) continue
        if (this.version !== seen) continue
        await this.sleep((w) => (wake = w))
      }
    }
    const subscription: Subscription = {
      stop: async () => {
        stopped = true
        wake?.()
        if (this.handling === subscription) return // called from its handler: the loop ends when that returns
        await loop
      },
    }
    const loop = run(subscription)
      .catch((error: unknown) => {
        stopped = true
        try {
          this.report(error)
        } catch {
          // a failing reporter must not turn into an unhandled rejection
        }
      })
      .finally(() => this.running.delete(subscription))
    this.running.add(subscription)
    return subscription
  }

  /** Stops every subscription and waits for running handlers, so the store can release its resources after. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.running].map((s) => s.stop()))
  }

  /**
   * The events after `after` from the tail (filtered by stream prefix, as `readAll` filters), and the tail's last
   * position as what was scanned; undefined when the tail does not start at or before `after + 1` or holds nothing
   * after it: then the subscriber reads the store (events of other processes, or more than the tail keeps).
   */
  private fromTail(after: number, prefixes: readonly string[] | undefined): { page: RecordedEvent[]; scanned: number; more: boolean } | undefined {
    const first = this.tail[0]
    if (!first || after + 1 < first.position) return undefined
    const scanned = this.tail.at(-1)!.position
    if (after >= scanned) return undefined
    const rest = this.tail.slice(after + 1 - first.position, after + 1 - first.position + CATCH_UP_PAGE)
    const page = prefixes && prefixes.length > 0 ? rest.filter((e) => prefixes.some((p) => e.streamId.startsWith(p))) : rest
    const end = rest.at(-1)!.position
    return { page, scanned: end, more: end < scanned }
  }

  private sleep(register: (wake: () => void) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        if (timer) clearTimeout(timer)
        this.sleepers.delete(wake)
        resolve()
      }
      const timer = this.pollMs > 0 ? setTimeout(wake, this.pollMs) : undefined
      this.sleepers.add(wake)
      register(wake)
    })
  }
}
