import Database from 'better-sqlite3'
import { parentPort } from 'node:worker_threads'
import { ReportFold, reportTable } from '../../projections/reports/index.ts'
import { decodeRow, type EventRow } from '../store/sqlite/rows.ts'
import { READ_STREAM_SQL } from '../store/sqlite/statements.ts'
import { errorToWire } from '../store/sqlite/writer-protocol.ts'
import { keyEventsInOrder } from './key-events.ts'
import type { FromReports, ReportJob, ToReports } from './report-protocol.ts'

// The report thread (docs/architecture.md §7 "Reports"): GetComplianceReport's fold runs here, not on the server's
// event loop. On a SQLite store it reads the file itself, on a read-only connection of its own (WAL: it reads
// what is committed and never blocks the writer); otherwise the server thread hands it the pages.

const port = parentPort!
const post = (m: FromReports): void => port.postMessage(m)

/** Events per read on the thread's own connection: nothing else waits on this thread. */
const FILE_PAGE = 2_000

const connections = new Map<string, (streamId: string, from: number, limit: number) => ReturnType<typeof decodeRow>[]>()
const readerOf = (path: string) => {
  let read = connections.get(path)
  if (!read) {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    const st = db.prepare<[string, number, number], EventRow>(READ_STREAM_SQL)
    read = (streamId, from, limit) => st.all(streamId, from, limit).map(decodeRow)
    connections.set(path, read)
  }
  return read
}

const tableOf = (fold: ReportFold, job: ReportJob) => reportTable(job.name, fold.result(), job.options)

const folds = new Map<number, ReportFold>()

const handle = async (m: ToReports): Promise<void> => {
  switch (m.kind) {
    case 'file': {
      const fold = new ReportFold(new Date(m.job.at))
      for await (const chunk of keyEventsInOrder(readerOf(m.path), m.job.keyIds, FILE_PAGE)) fold.add(chunk)
      return post({ kind: 'table', id: m.id, table: tableOf(fold, m.job) })
    }
    case 'begin':
      folds.set(m.id, new ReportFold(new Date(m.at)))
      return
    case 'events':
      folds.get(m.id)?.add(m.events)
      return post({ kind: 'took', id: m.id })
    case 'drop':
      folds.delete(m.id)
      return
    case 'end': {
      const fold = folds.get(m.id)
      folds.delete(m.id)
      if (fold) post({ kind: 'table', id: m.id, table: tableOf(fold, m.job) })
      return
    }
  }
}

port.on('message', (m: ToReports) => {
  handle(m).catch((e: unknown) => {
    folds.delete(m.id)
    post({ kind: 'failed', id: m.id, error: errorToWire(e) })
  })
})
post({ kind: 'ready' })
