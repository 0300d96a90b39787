import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { ReportOptions, ReportTable } from '../../projections/reports/index.ts'
import type { WireError } from '../store/sqlite/writer-protocol.ts'

// The messages between the server thread and the report thread (report-thread.ts; docs/architecture.md §7
// "Reports"). Two ways to a report: `file`, the thread reads the SQLite store itself on its own read-only
// connection; `begin`/`events`/`end`, the server thread reads the pages (memory and EventStoreDB stores) and
// hands them over, and the thread folds them.

export interface ReportJob {
  readonly name: string
  readonly options: ReportOptions
  readonly keyIds: readonly string[]
  /** ISO instant: the report as of then. */
  readonly at: string
}

export type ToReports =
  | { readonly kind: 'file'; readonly id: number; readonly path: string; readonly job: ReportJob }
  | { readonly kind: 'begin'; readonly id: number; readonly at: string }
  | { readonly kind: 'events'; readonly id: number; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'end'; readonly id: number; readonly job: ReportJob }
  | { readonly kind: 'drop'; readonly id: number }

export type FromReports =
  | { readonly kind: 'ready' }
  | { readonly kind: 'table'; readonly id: number; readonly table: ReportTable }
  /** A chunk of `events` folded: the server thread may hand over the next (at most a few in flight). */
  | { readonly kind: 'took'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError }
