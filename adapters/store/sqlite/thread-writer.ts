import { Worker } from 'node:worker_threads'
import type { CommitStats } from './group-commit.ts'
import type { EventRow } from './rows.ts'
import type { AppendOutcome, AppendRequest } from './write-append.ts'
import { errorFromWire, placedRows, toWire, type FromWriter, type Placed, type ToWriter, type WireAppend } from './writer-protocol.ts'

interface Waiting {
  readonly resolve: (o: AppendOutcome) => void
  readonly reject: (e: unknown) => void
  /** What was sent: the writer reports only where its events went, their rows are built from this. */
  readonly wire: WireAppend
}

/**
 * The rows of a transaction, from the appends' wire text and the writer's report of where they went; none (the
 * feed's subscribers then read them from the file) if an append's text is not at hand.
 */
export const rowsOf = (placed: readonly Placed[], sent: (id: number) => WireAppend | undefined): EventRow[] => {
  const rows: EventRow[] = []
  for (const p of placed) {
    const wire = sent(p.id)
    if (!wire) return []
    for (const row of placedRows(wire, p)) rows.push(row)
  }
  return rows
}

/**
 * The store's side of its writer thread (writer-thread.ts). Appends made during one turn of the event loop go
 * over in one message; each promise settles when the writer reports its transaction committed (fsynced). The
 * thread keeps the process alive only while appends are in flight, so a store nobody closes does not hang the
 * process, and one with appends in flight does not let it exit before they are acknowledged.
 */
export class ThreadWriter {
  readonly stats: CommitStats = { transactions: 0, appends: 0 }
  private readonly waiting = new Map<number, Waiting>()
  private outbox: WireAppend[] = []
  private nextId = 1
  private posting = false
  private failure: Error | undefined
  private closed: Promise<void> | undefined
  private onClosed: (() => void) | undefined
  /** Told each committed transaction's COMMIT time (the store's `observeCommits`). */
  onCommit: ((ms: number) => void) | undefined

  private constructor(private readonly worker: Worker, private readonly committed: (recorded: readonly EventRow[]) => void) {
    worker.on('message', (m: FromWriter) => this.receive(m))
    worker.on('error', (e) => this.fail(e))
    worker.on('exit', () => {
      this.fail(new Error('the event store writer stopped'))
      this.onClosed?.()
    })
  }

  static start(path: string, busyTimeoutMs: number | undefined, committed: (recorded: readonly EventRow[]) => void): Promise<ThreadWriter> {
    const worker = new Worker(new URL('./writer-thread.mjs', import.meta.url), { workerData: { path, busyTimeoutMs } })
    return new Promise((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the worker thread posts its failure as a value; the caller turns it into an error
      const failed = (e: unknown): void => reject(e)
      worker.once('error', failed)
      worker.once('message', (m: FromWriter) => {
        worker.off('error', failed)
        if (m.kind !== 'ready') return reject(new Error(`the event store writer did not start: ${m.kind}`))
        worker.unref()
        resolve(new ThreadWriter(worker, committed))
      })
    })
  }

  enqueue(request: AppendRequest): Promise<AppendOutcome> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    let wire: WireAppend
    try {
      wire = toWire(id, request)
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the worker thread posts its failure as a value; the caller turns it into an error
      return Promise.reject(e)
    }
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref()
      this.waiting.set(id, { resolve, reject, wire })
      this.outbox.push(wire)
      if (this.posting) return
      this.posting = true
      // Everything appended in this turn of the event loop crosses in one message.
      setImmediate(() => this.post())
    })
  }

  /** Sends what is queued, lets the writer commit it, and stops the thread. */
  close(): Promise<void> {
    return (this.closed ??= new Promise<void>((resolve) => {
      this.post()
      if (this.failure) return resolve()
      this.onClosed = resolve
      this.worker.ref()
      this.send({ kind: 'close' })
    }))
  }

  private post(): void {
    this.posting = false
    if (this.outbox.length === 0) return
    const appends = this.outbox
    this.outbox = []
    this.send({ kind: 'append', appends })
  }

  private send(m: ToWriter): void {
    this.worker.postMessage(m)
  }

  private receive(m: FromWriter): void {
    if (m.kind === 'closed') return void this.worker.terminate()
    if (m.kind !== 'committed') return
    this.stats.transactions = m.stats.transactions
    this.stats.appends = m.stats.appends
    if (m.commitMs !== null) this.onCommit?.(m.commitMs)
    const recorded = m.wrote ? rowsOf(m.placed, (id) => this.waiting.get(id)?.wire) : []
    for (const s of m.settled) {
      const w = this.waiting.get(s.id)
      if (!w) continue
      this.waiting.delete(s.id)
      if ('outcome' in s) w.resolve(s.outcome)
      else w.reject(errorFromWire(s.error))
    }
    if (this.waiting.size === 0 && !this.closed) this.worker.unref()
    if (m.wrote) this.committed(recorded)
  }

  private fail(e: Error): void {
    this.failure ??= e
    for (const w of this.waiting.values()) w.reject(this.failure)
    this.waiting.clear()
  }
}
