import { parentPort, workerData } from 'node:worker_threads'
import { commitGroup, MAX_APPENDS_PER_TRANSACTION, type CommitStats } from './group-commit.ts'
import { openDatabase } from './open.ts'
import { prepareStatements } from './statements.ts'
import { errorToWire, fromWire, settledToWire, type FromWriter, type Placed, type ToWriter, type WireAppend } from './writer-protocol.ts'

// The event store's writer thread (docs/architecture.md §8, writes off the event loop): its own connection, the
// only one of this process that writes. A commit's fsync blocks this thread, not the server's event loop, which
// meanwhile serves requests whose appends queue here and go into the next transaction together.

const port = parentPort!
const { path, busyTimeoutMs } = workerData as { path: string; busyTimeoutMs?: number }
const post = (m: FromWriter): void => port.postMessage(m)

const db = openDatabase(path, busyTimeoutMs !== undefined ? { busyTimeoutMs } : {})
const st = prepareStatements(db)
const stats: CommitStats = { transactions: 0, appends: 0 }
const queue: WireAppend[] = []
let scheduled = false

const flush = (): void => {
  const group = queue.splice(0, MAX_APPENDS_PER_TRANSACTION)
  if (group.length === 0) return
  const requests = group.map((w) => {
    try {
      return fromWire(w)
    } catch (error) {
      return error as Error
    }
  })
  const valid = requests.filter((r) => !(r instanceof Error))
  let result: ReturnType<typeof commitGroup>
  try {
    result = commitGroup(st, valid as Exclude<(typeof requests)[number], Error>[])
  } catch (error) {
    const wire = errorToWire(error)
    post({ kind: 'committed', settled: group.map((w) => ({ id: w.id, error: wire })), wrote: false, placed: [], stats, commitMs: null })
    return
  }
  stats.transactions++
  stats.appends += valid.length
  let next = 0
  // In queue order, which is position order: each append's rows come after the previous one's.
  const placed: Placed[] = []
  const settled = group.map((w, i) => {
    const r = requests[i]!
    if (r instanceof Error) return { id: w.id, error: errorToWire(r) }
    const s = result.settled[next++]!
    if ('placed' in s && s.placed) placed.push({ id: w.id, ...s.placed })
    return settledToWire(w.id, s)
  })
  post({ kind: 'committed', settled, wrote: result.wrote, placed, stats, commitMs: result.commitMs })
}

const schedule = (): void => {
  if (scheduled) return
  scheduled = true
  // Messages that arrived during the last commit are all delivered before this runs: they share the next one.
  setImmediate(() => {
    scheduled = false
    flush()
    if (queue.length) schedule()
  })
}

port.on('message', (m: ToWriter) => {
  if (m.kind === 'append') {
    for (const a of m.appends) queue.push(a)
    schedule()
    return
  }
  while (queue.length) flush()
  db.close()
  post({ kind: 'closed' })
  port.close()
})
post({ kind: 'ready' })
