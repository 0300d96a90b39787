import type { AppendWriter } from '../store/sqlite/event-store.ts'
import type { CommitStats } from '../store/sqlite/group-commit.ts'
import type { EventRow } from '../store/sqlite/rows.ts'
import type { AppendOutcome, AppendRequest } from '../store/sqlite/write-append.ts'
import { errorFromWire, toWire, type WireAppend } from '../store/sqlite/writer-protocol.ts'
import type { Committed } from './shared-writer.ts'

interface Waiting {
  readonly resolve: (o: AppendOutcome) => void
  readonly reject: (e: unknown) => void
}

/**
 * A worker's event store writer under `serve --workers` (shared-writer.ts): its appends go to the primary's writer
 * thread over the cluster's channel, those of one turn of the event loop in one message, and each settles when the
 * primary reports its transaction committed (fsynced), as with the store's own writer thread (thread-writer.ts).
 */
export class RemoteWriter implements AppendWriter {
  readonly stats: CommitStats = { transactions: 0, appends: 0 }
  onCommit: ((ms: number) => void) | undefined
  private readonly waiting = new Map<number, Waiting>()
  private outbox: WireAppend[] = []
  private nextId = 1
  private posting = false
  private closing: (() => void) | undefined

  constructor(private readonly send: (appends: readonly WireAppend[]) => void, private readonly committed: (recorded: readonly EventRow[]) => void) {}

  enqueue(request: AppendRequest): Promise<AppendOutcome> {
    if (this.closing) return Promise.reject(new Error('the event store is closed'))
    let wire: WireAppend
    try {
      wire = toWire(this.nextId++, request)
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- toWire throws a TypeError for data that is not JSON, as the store's own writer does
      return Promise.reject(e)
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(wire.id, { resolve, reject })
      this.outbox.push(wire)
      if (this.posting) return
      this.posting = true
      setImmediate(() => this.post())
    })
  }

  /** The primary's news of one transaction: settles this worker's appends, then feeds the store's live feed. */
  receive(c: Committed): void {
    if (c.stats.transactions > this.stats.transactions) {
      this.stats.transactions = c.stats.transactions
      this.stats.appends = c.stats.appends
    }
    if (c.commitMs !== null && c.settled.length > 0) this.onCommit?.(c.commitMs)
    for (const s of c.settled) {
      const w = this.waiting.get(s.id)
      if (!w) continue
      this.waiting.delete(s.id)
      if ('outcome' in s) w.resolve(s.outcome)
      else w.reject(errorFromWire(s.error))
    }
    if (c.recorded.length > 0) this.committed(c.recorded)
    if (this.waiting.size === 0) this.closing?.()
  }

  /** Sends what is queued and waits for the answers of every append in flight. */
  close(): Promise<void> {
    this.post()
    return new Promise((resolve) => {
      this.closing = resolve
      if (this.waiting.size === 0) resolve()
    })
  }

  private post(): void {
    this.posting = false
    if (this.outbox.length === 0) return
    const appends = this.outbox
    this.outbox = []
    this.send(appends)
  }
}
