import type { Statements } from './statements.ts'
import { writeAppend, type AppendOutcome, type AppendWritten, type WriteRequest } from './write-append.ts'

/** Bounds one transaction, so a burst does not hold the write lock for long. */
export const MAX_APPENDS_PER_TRANSACTION = 1000

export interface CommitStats {
  transactions: number
  appends: number
}

/** What became of one append of a group: its outcome (and where its events went, if it wrote), or the error that failed it alone. */
export type Settled = { readonly outcome: AppendOutcome; readonly placed: AppendWritten['placed'] } | { readonly error: unknown }

export interface GroupResult {
  readonly settled: readonly Settled[]
  /** Whether anything was written (subscribers have something new). */
  readonly wrote: boolean
  /** How long COMMIT took (the fsync of synchronous=FULL), in milliseconds: /metrics' commit histogram. */
  readonly commitMs: number
}

/**
 * Group commit: appends queued together are written in one transaction with one fsync (synchronous=FULL). Each
 * append checks its own expected revision and runs in its own savepoint, so one failing append does not fail
 * the others. Returns only after COMMIT returned: every outcome it reports is durable. Throws when the
 * transaction itself failed (busy, disk full, I/O error): then nothing of the group is written.
 */
export const commitGroup = (st: Statements, group: readonly WriteRequest[]): GroupResult => {
  const settled: Settled[] = []
  let wrote = false
  let commitMs = 0
  try {
    st.begin.run()
    for (const request of group) {
      st.savepoint.run()
      try {
        const r = writeAppend(st, request)
        st.release.run()
        wrote ||= r.wrote
        settled.push({ outcome: r.outcome, placed: r.placed })
      } catch (error) {
        st.rollbackTo.run()
        st.release.run()
        settled.push({ error })
      }
    }
    const before = performance.now()
    st.commit.run()
    commitMs = performance.now() - before
  } catch (e) {
    try {
      st.rollback()
    } catch {
      // SQLite may already have rolled back on its own (e.g. SQLITE_FULL); the group's failure is what we report
    }
    throw e
  }
  return { settled, wrote, commitMs }
}
