import type { Statements } from './statements.ts'
import { writeAppend, type AppendOutcome, type AppendRequest } from './write-append.ts'

interface Pending extends AppendRequest {
  readonly resolve: (o: AppendOutcome) => void
  readonly reject: (e: unknown) => void
}

/** Bounds one transaction, so a burst does not hold the write lock (and the event loop) for long. */
const MAX_APPENDS_PER_TRANSACTION = 1000

export interface CommitStats {
  transactions: number
  appends: number
}

/**
 * Group commit. better-sqlite3 is synchronous, so a commit (with its fsync) blocks the event loop: appends that
 * callers start meanwhile wait in the queue, and the next transaction, run from setImmediate, writes them all
 * with one fsync. Each append checks its own expected revision and runs in its own savepoint, so one failing
 * append does not fail the others. Every promise settles only after COMMIT returned: an acknowledged append is
 * durable (synchronous=FULL).
 */
export class GroupCommit {
  private queue: Pending[] = []
  private scheduled = false
  readonly stats: CommitStats = { transactions: 0, appends: 0 }

  constructor(private readonly st: Statements, private readonly committed: () => void) {}

  enqueue(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject })
      this.schedule()
    })
  }

  get idle(): boolean {
    return this.queue.length === 0
  }

  /** Writes everything queued now (used by close). */
  drain(): void {
    while (this.queue.length) this.flush()
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.flush()
      if (this.queue.length) this.schedule()
    })
  }

  private flush(): void {
    const group = this.queue.splice(0, MAX_APPENDS_PER_TRANSACTION)
    if (group.length === 0) return
    const settled: Array<() => void> = []
    let wrote = false
    try {
      this.st.begin.run()
      for (const p of group) {
        this.st.savepoint.run()
        try {
          const r = writeAppend(this.st, p)
          this.st.release.run()
          wrote ||= r.wrote
          settled.push(() => p.resolve(r.outcome))
        } catch (e) {
          this.st.rollbackTo.run()
          this.st.release.run()
          settled.push(() => p.reject(e))
        }
      }
      this.st.commit.run()
    } catch (e) {
      // The transaction itself failed (busy, disk full, I/O error): nothing of the group is written.
      this.rollback()
      for (const p of group) p.reject(e)
      return
    }
    this.stats.transactions++
    this.stats.appends += group.length
    for (const s of settled) s()
    if (wrote) this.committed()
  }

  private rollback(): void {
    try {
      this.st.rollback()
    } catch {
      // SQLite may already have rolled back on its own (e.g. SQLITE_FULL); the group's failure is what we report
    }
  }
}
