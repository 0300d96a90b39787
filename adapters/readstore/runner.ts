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
}

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
  private reached = 0
  private failure: Error | undefined
  private readonly waiters: { position: number; resolve: (ok: boolean) => void; reject: (e: Error) => void; timer?: NodeJS.Timeout }[] = []

  constructor(private readonly options: RunnerOptions) {
    this.batchSize = options.batchSize ?? 1000
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
    if (this.buffer.length >= this.batchSize) this.flush()
    else if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => this.flush())
    }
  }

  private flush(): void {
    this.flushScheduled = false
    if (this.buffer.length === 0) return
    const batch = this.buffer
    this.buffer = []
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
    const plan = planBatch(views, this.options.readStore.checkpoints(), events)
    this.options.readStore.apply(plan)
    for (const p of plan.problems) this.options.onProblem?.(p)
  }

  private lowestCheckpoint(): number {
    const cps = this.options.readStore.checkpoints()
    return Math.min(...this.options.views.map((v) => cps.get(v.name) ?? 0))
  }
}
