import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { EventStore, Subscription } from '../../domain/ports/event-store.ts'
import type { DecodeProblem } from '../../projections/projected-event.ts'
import { planBatch } from '../../projections/runner.ts'
import type { View } from '../../projections/view.ts'
import type { SqliteReadStore } from './sqlite.ts'

export interface RunnerOptions {
  readonly store: EventStore
  readonly readStore: SqliteReadStore
  readonly views: readonly View[]
  /** Events per transaction at most; a smaller batch commits as soon as the feed pauses. */
  readonly batchSize?: number
  /** Told of every event that does not decode (it is also kept in the read store's problem table). */
  readonly onProblem?: (p: DecodeProblem) => void
  /** Told when a batch cannot be committed (disk full, read store corrupt): delivery stops, waiters reject. */
  readonly onFailure?: (err: Error) => void
  /**
   * How long a batch holding only usage records (`keyusage-` streams) may wait for more before it is applied,
   * when nobody waits for it (default USAGE_DELAY_MS; 0 applies every batch as soon as the feed pauses).
   */
  readonly usageDelayMs?: number
}

/**
 * Every audited call appends a usage record, and each commit of the event store would otherwise cost the read
 * store a transaction of its own (issue 11: ~200 a second on a busy key). Usage rows are only read by queries
 * that first wait for the views to reach the store's head (`ReadModels.catchUp`), and a wait applies what is held
 * at once: held a little longer, they are applied in fewer, larger transactions, where a hot key's rows merge
 * (projections/coalesce.ts). Any other event is applied as soon as the feed pauses, as before.
 */
export const USAGE_DELAY_MS = 25
const USAGE_STREAM = 'keyusage-'

export interface RebuildProgress {
  readonly done: number
  readonly total: number
}

export interface RebuildResult {
  readonly views: readonly string[]
  readonly events: number
  readonly ms: number
}

/**
 * Feeds the views from the store: `subscribeAll` after the lowest checkpoint, events gathered into batches and
 * applied one transaction per batch. `waitFor(position)` gives read-your-writes: the API answers a command once
 * every view has passed the position the command's append returned.
 */
export class ProjectionRunner {
  private readonly batchSize: number
  private subscription: Subscription | undefined
  private buffer: RecordedEvent[] = []
  private flushScheduled = false
  /** The timer holding a usage-only buffer (USAGE_DELAY_MS); undefined when none is pending. */
  private held: NodeJS.Timeout | undefined
  private readonly usageDelayMs: number
  /** Whether the buffer holds only usage records (true when empty). */
  private usageOnly = true
  private reached = 0
  private failure: Error | undefined
  private readonly waiters: { position: number; resolve: (ok: boolean) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout }[] = []

  constructor(private readonly options: RunnerOptions) {
    this.batchSize = options.batchSize ?? 1000
    this.usageDelayMs = Math.max(0, options.usageDelayMs ?? USAGE_DELAY_MS)
    for (const v of options.views) options.readStore.install(v)
    this.reached = this.lowestCheckpoint()
  }

  /** Starts live delivery from the lowest checkpoint. Views that a version bump reset refold from 0. */
  start(): void {
    if (this.subscription) return
    this.subscription = this.options.store.subscribeAll({ after: this.lowestCheckpoint() }, (e) => this.receive(e))
  }

  /** Stops delivery and commits what was received. */
  async stop(): Promise<void> {
    const s = this.subscription
    this.subscription = undefined
    if (s) await s.stop()
    this.flush()
  }

  /** The lowest checkpoint over all views: every view has applied every event up to it. */
  position(): number {
    return this.reached
  }

  /**
   * Resolves true once every view has passed `position`, false after `timeoutMs` (the caller then answers
   * without the guarantee, or retries). Rejects if the runner failed to apply a batch.
   */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.reached >= position) return Promise.resolve(true)
    // Someone reads now: what is held is applied at once (and, while anyone waits, nothing more is held).
    if (this.held) this.flushSoon()
    return new Promise((resolve, reject) => {
      const w: (typeof this.waiters)[number] = { position, resolve, reject }
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1)
        resolve(false)
      }, timeoutMs)
      this.waiters.push(w)
    })
  }

  /**
   * Drops the named view (or every view) and folds the whole log into it again, batch by batch. Live delivery
   * pauses meanwhile and resumes from the checkpoints afterwards.
   */
  async rebuild(viewName?: string, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
    const views = viewName ? this.options.views.filter((v) => v.name === viewName) : this.options.views
    if (views.length === 0) throw new Error(`no view named ${viewName}; views: ${this.options.views.map((v) => v.name).join(', ')}`)
    const wasRunning = this.subscription !== undefined
    await this.stop()
    const started = performance.now()
    for (const v of views) this.options.readStore.reset(v)
    const total = await this.options.store.headPosition()
    let after = 0
    let events = 0
    for (;;) {
      const page = await this.options.store.readAll({ after, limit: this.batchSize })
      if (page.length === 0) break
      this.applyBatch(page, views)
      events += page.length
      after = page[page.length - 1]!.position
      onProgress?.({ done: Math.min(after, total), total })
    }
    this.reached = this.lowestCheckpoint()
    if (wasRunning) this.start()
    return { views: views.map((v) => v.name), events, ms: performance.now() - started }
  }

  /** The error that stopped delivery, if any. */
  failed(): Error | undefined {
    return this.failure
  }

  private receive(e: RecordedEvent): void {
    if (this.failure) return
    this.buffer.push(e)
    this.usageOnly &&= e.streamId.startsWith(USAGE_STREAM)
    if (this.buffer.length >= this.batchSize) this.flush()
    else if (this.flushScheduled) return
    else if (this.usageDelayMs > 0 && this.waiters.length === 0 && this.usageOnly) {
      // unref: a held batch does not keep the process alive; stop() applies it
      this.held ??= setTimeout(() => this.flush(), this.usageDelayMs).unref()
    } else this.flushSoon()
  }

  /** Applies the buffer once the feed pauses (this turn's events delivered), ending any hold. */
  private flushSoon(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => this.flush())
  }

  private flush(): void {
    this.flushScheduled = false
    clearTimeout(this.held)
    this.held = undefined
    if (this.buffer.length === 0) return
    const batch = this.buffer
    this.buffer = []
    this.usageOnly = true
    try {
      this.applyBatch(batch, this.options.views)
    } catch (err) {
      // Nothing of the batch committed; the checkpoint still says where to resume after a restart.
      const failure = err instanceof Error ? err : new Error(String(err))
      this.failure = failure
      void this.subscription?.stop()
      this.subscription = undefined
      for (const w of this.waiters.splice(0)) {
        clearTimeout(w.timer)
        w.reject(failure)
      }
      this.options.onFailure?.(failure)
      return
    }
    this.reached = this.lowestCheckpoint()
    for (const w of [...this.waiters]) {
      if (w.position <= this.reached) {
        clearTimeout(w.timer)
        this.waiters.splice(this.waiters.indexOf(w), 1)
        w.resolve(true)
      }
    }
  }

  private applyBatch(events: readonly RecordedEvent[], views: readonly View[]): void {
    const plan = this.options.readStore.applyPlanned((checkpoints) => planBatch(views, checkpoints, events))
    for (const p of plan.problems) this.options.onProblem?.(p)
  }

  private lowestCheckpoint(): number {
    const cps = this.options.readStore.checkpoints()
    return Math.min(...this.options.views.map((v) => cps.get(v.name) ?? 0))
  }
}
