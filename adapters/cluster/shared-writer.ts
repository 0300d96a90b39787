import { Worker } from 'node:worker_threads'
import type { EventRow } from '../store/sqlite/rows.ts'
import type { CommitStats } from '../store/sqlite/group-commit.ts'
import { rowsOf } from '../store/sqlite/thread-writer.ts'
import type { FromWriter, ToWriter, WireAppend, WireSettled } from '../store/sqlite/writer-protocol.ts'

/** A transaction's news for one worker: its own settled appends, and every row committed (for its live feed). */
export interface Committed {
  readonly settled: readonly WireSettled[]
  readonly recorded: readonly EventRow[]
  readonly stats: CommitStats
  readonly commitMs: number | null
}

/**
 * The one event store writer of `serve --workers` (issue 11 item 3, docs/architecture.md §9): the primary runs the
 * store's writer thread (adapters/store/sqlite/writer-thread.ts) and every worker's appends go to it. Why: two
 * processes each committing through their own writer took turns on SQLite's write lock through its busy handler,
 * which sleeps 1, 2, 5, 10 ms… while the other commits (strace: a worker's writer thread slept ~30 times a second),
 * and each commit paid its own fsync. One writer queues both workers' appends into one group commit: one fsync a
 * transaction for all of them, no lock to wait for. Every answer still waits for its transaction's COMMIT (fsync,
 * synchronous=FULL), now reported back over the cluster's channel.
 * Appends cross as the writer thread's wire format (event data as JSON text, serialised once in the worker); each
 * worker gets the rows of every transaction, so its live feed delivers them without reading the file back. The
 * writer thread reports only where each append went; the rows are built here from the appends' text, kept until then.
 */
export class SharedWriter {
  private thread: Worker | undefined
  private nextId = 1
  /** Global append id → the worker (its cluster id, unique per fork) and its own id for it. */
  private readonly owners = new Map<number, { readonly worker: number; readonly id: number }>()
  /** Global append id → the append as sent, until its transaction reports (also a forgotten worker's: others feed on its rows). */
  private readonly sent = new Map<number, WireAppend>()
  private closed: Promise<void> | undefined

  /**
   * @param path the events file (the first worker makes and migrates it before its first append)
   * @param deliver sends a transaction's news to a worker (the primary drops it when that worker is gone)
   */
  constructor(private readonly path: string, private readonly workers: () => Iterable<number>, private readonly deliver: (worker: number, c: Committed) => void) {}

  /** Queues a worker's appends for the next transaction (started at the first: the file exists by then). */
  append(worker: number, appends: readonly WireAppend[]): void {
    const thread = this.start()
    const renamed = appends.map((a) => {
      const id = this.nextId++
      this.owners.set(id, { worker, id: a.id })
      const wire = { ...a, id }
      this.sent.set(id, wire)
      return wire
    })
    this.send(thread, { kind: 'append', appends: renamed })
  }

  /** A worker that stopped: its appends in flight are committed or not, nobody waits for their answer. */
  forget(worker: number): void {
    for (const [id, o] of this.owners) if (o.worker === worker) this.owners.delete(id)
  }

  /** Commits what is queued and stops the thread. */
  close(): Promise<void> {
    const thread = this.thread
    if (!thread) return Promise.resolve()
    return (this.closed ??= new Promise<void>((resolve) => {
      thread.once('exit', () => resolve())
      this.send(thread, { kind: 'close' })
    }))
  }

  private start(): Worker {
    if (this.thread) return this.thread
    const thread = new Worker(new URL('../store/sqlite/writer-thread.mjs', import.meta.url), { workerData: { path: this.path } })
    thread.on('message', (m: FromWriter) => this.receive(m))
    const fail = (e: unknown): void => this.failAll(e instanceof Error ? e.message : String(e))
    thread.on('error', fail)
    thread.on('exit', () => {
      if (this.thread === thread) this.thread = undefined
      if (!this.closed) fail(new Error('the event store writer stopped'))
    })
    return (this.thread = thread)
  }

  private send(thread: Worker, m: ToWriter): void {
    thread.postMessage(m)
  }

  private receive(m: FromWriter): void {
    if (m.kind === 'closed') return void this.thread?.terminate()
    if (m.kind === 'failed') return this.failAll(m.error.message)
    if (m.kind !== 'committed') return
    const recorded = m.wrote ? rowsOf(m.placed, (id) => this.sent.get(id)) : []
    for (const s of m.settled) this.sent.delete(s.id)
    const byWorker = new Map<number, WireSettled[]>()
    for (const s of m.settled) {
      const owner = this.owners.get(s.id)
      if (!owner) continue
      this.owners.delete(s.id)
      const list = byWorker.get(owner.worker) ?? []
      list.push({ ...s, id: owner.id })
      byWorker.set(owner.worker, list)
    }
    for (const worker of this.workers()) {
      const settled = byWorker.get(worker) ?? []
      if (settled.length > 0 || recorded.length > 0) this.deliver(worker, { settled, recorded, stats: m.stats, commitMs: m.commitMs })
    }
  }

  /** The thread could not start or died: every append in flight fails, as the store's own writer fails them. */
  private failAll(message: string): void {
    this.sent.clear()
    const byWorker = new Map<number, WireSettled[]>()
    for (const [id, o] of this.owners) {
      const list = byWorker.get(o.worker) ?? []
      list.push({ id: o.id, error: { name: 'Error', message } })
      byWorker.set(o.worker, list)
      this.owners.delete(id)
    }
    for (const [worker, settled] of byWorker) this.deliver(worker, { settled, recorded: [], stats: { transactions: 0, appends: 0 }, commitMs: null })
  }
}
