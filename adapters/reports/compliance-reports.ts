import { Worker } from 'node:worker_threads'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { ReportFold, reportTable, type ReportOptions, type ReportTable } from '../../projections/reports/index.ts'
import { errorFromWire } from '../store/sqlite/writer-protocol.ts'
import { keyEventsInOrder } from './key-events.ts'
import type { FromReports, ReportJob, ToReports } from './report-protocol.ts'

// GetComplianceReport's fold, off the server's event loop (issue 13 item 5; docs/architecture.md §7 "Reports"):
// a worker thread folds and builds the table, the server thread only waits for it. On a SQLite store the thread
// reads the file itself; on the others (memory, EventStoreDB) the server thread reads the pages through the store
// port and hands them over, yielding between pages, and the thread folds them. A small report (at most
// IN_PLACE_EVENTS events) folds here, in slices: it costs less than the thread's start. So does every report on
// the memory store (`in-place`): its events live on this thread and die with the process (tests, demos); the
// slices bound what one costs another request, not the tail under load (docs/architecture.md §7 "Reports").

export interface ReportRequest {
  readonly name: string
  readonly options: ReportOptions
  readonly keyIds: readonly string[]
  readonly at: Date
  /** How many events the keys' streams hold, as the stream-heads view counts them (it may lag, never exceed). */
  readonly events: number
}

export interface ComplianceReports {
  /** The checked report (checkReportRequest) over these keys' events, as of `at`. */
  run(request: ReportRequest): Promise<ReportTable>
  close(): Promise<void>
}

/** Where a report's events are folded: on the thread reading the SQLite file itself, on the thread from pages read here, or here. */
export type ReportSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'pages' } | { readonly kind: 'in-place' }

/** Events read at once from a stream when the server thread reads the pages. */
export const REPORT_PAGE = 200
/** The longest the server thread reads pages before it lets other requests run. */
export const REPORT_SLICE_MS = 4
/** Chunks handed over and not yet folded: bounds the thread's queue when reading outruns folding. */
const IN_FLIGHT = 4
/** Up to this many events a report folds on the server thread, a slice at a time (~25 µs an event). */
export const IN_PLACE_EVENTS = 2_000

interface Pending {
  readonly resolve: (t: ReportTable) => void
  readonly reject: (e: Error) => void
  took?: () => void
}

/** Lets other requests run whenever the server thread has held the event loop for REPORT_SLICE_MS. */
class Slice {
  private since = performance.now()

  async pause(): Promise<void> {
    if (performance.now() - this.since < REPORT_SLICE_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    this.since = performance.now()
  }
}

export class ReportThread implements ComplianceReports {
  private worker: Promise<Worker> | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  constructor(private readonly source: ReportSource, private readonly store: EventStore, private readonly onReport?: (name: string, seconds: number) => void) {}

  async run(request: ReportRequest): Promise<ReportTable> {
    const started = performance.now()
    const job: ReportJob = { name: request.name, options: request.options, keyIds: request.keyIds, at: request.at.toISOString() }
    const s = this.source
    const table = s.kind === 'in-place' || request.events <= IN_PLACE_EVENTS ? await this.inPlace(job) : s.kind === 'file' ? await this.fromFile(s.path, job) : await this.fromPages(job)
    this.onReport?.(request.name, (performance.now() - started) / 1000)
    return table
  }

  async close(): Promise<void> {
    const w = this.worker
    this.worker = undefined
    if (w) await (await w.catch(() => undefined))?.terminate()
  }

  /** A small report, folded here with a pause whenever a slice is used up. */
  private async inPlace(job: ReportJob): Promise<ReportTable> {
    const fold = new ReportFold(new Date(job.at))
    const slice = new Slice()
    for await (const events of keyEventsInOrder(this.readStream, job.keyIds, REPORT_PAGE)) {
      fold.add(events)
      await slice.pause()
    }
    return reportTable(job.name, fold.result(), job.options)
  }

  private async fromFile(path: string, job: ReportJob): Promise<ReportTable> {
    const worker = await this.started()
    const { id, table } = this.expect()
    this.send(worker, { kind: 'file', id, path, job })
    return table
  }

  private async fromPages(job: ReportJob): Promise<ReportTable> {
    const worker = await this.started()
    const { id, table, pending } = this.expect()
    let inFlight = 0
    let wake: (() => void) | undefined
    pending.took = () => {
      inFlight--
      wake?.()
    }
    this.send(worker, { kind: 'begin', id, at: job.at })
    const slice = new Slice()
    try {
      for await (const events of keyEventsInOrder(this.readStream, job.keyIds, REPORT_PAGE)) {
        if (!this.pending.has(id)) break // failed meanwhile: `table` rejects
        this.send(worker, { kind: 'events', id, events })
        inFlight++
        while (inFlight >= IN_FLIGHT && this.pending.has(id)) await new Promise<void>((resolve) => (wake = resolve))
        await slice.pause()
      }
    } catch (e) {
      // A read failed: the thread drops what it folded so far.
      this.pending.delete(id)
      this.send(worker, { kind: 'drop', id })
      throw e
    }
    this.send(worker, { kind: 'end', id, job })
    return table
  }

  private readonly readStream = (streamId: string, from: number, limit: number) => this.store.readStream(streamId, from, limit)

  private expect(): { id: number; table: Promise<ReportTable>; pending: Pending } {
    const id = this.nextId++
    let pending!: Pending
    const table = new Promise<ReportTable>((resolve, reject) => {
      pending = { resolve, reject }
    })
    this.pending.set(id, pending)
    // Awaited only once the pages are handed over: a failure meanwhile must not count as unhandled.
    table.catch(() => undefined)
    return { id, table, pending }
  }

  private send(worker: Worker, m: ToReports): void {
    // The thread keeps the process alive only while a report is running.
    worker.ref()
    worker.postMessage(m)
  }

  /** The thread, started on the first report and kept (idle, it holds nothing but a connection). */
  private started(): Promise<Worker> {
    return (this.worker ??= new Promise<Worker>((resolve, reject) => {
      // No execArgv: the parent's (tsx's --import loader) would load into the thread for seconds, unused.
      const worker = new Worker(new URL('./report-thread.mjs', import.meta.url), { execArgv: [] })
      const failed = (e: unknown): void => {
        this.worker = undefined // the next report tries again
        reject(e instanceof Error ? e : new Error(String(e)))
      }
      worker.once('error', failed)
      worker.once('exit', () => failed(new Error('the report thread stopped before it started')))
      worker.once('message', (m: FromReports) => {
        worker.off('error', failed)
        if (m.kind !== 'ready') return failed(new Error(`the report thread did not start: ${m.kind}`))
        worker.on('message', (msg: FromReports) => this.receive(worker, msg))
        worker.on('error', (e) => this.failAll(e))
        worker.on('exit', () => this.failAll(new Error('the report thread stopped')))
        worker.unref()
        resolve(worker)
      })
    }))
  }

  private receive(worker: Worker, m: FromReports): void {
    if (m.kind === 'ready') return
    const p = this.pending.get(m.id)
    if (!p) return
    if (m.kind === 'took') return p.took?.()
    this.pending.delete(m.id)
    if (this.pending.size === 0) worker.unref()
    if (m.kind === 'table') p.resolve(m.table)
    else {
      p.reject(errorFromWire(m.error))
      p.took?.()
    }
  }

  private failAll(e: Error): void {
    this.worker = undefined // the next report starts a new thread
    for (const p of this.pending.values()) {
      p.reject(e)
      p.took?.()
    }
    this.pending.clear()
  }
}
