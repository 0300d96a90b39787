import type { Statements } from './statements.ts';
import { type AppendOutcome, type AppendRequest } from './write-append.ts';
/** Bounds one transaction, so a burst does not hold the write lock for long. */
export declare const MAX_APPENDS_PER_TRANSACTION = 1000;
export interface CommitStats {
    transactions: number;
    appends: number;
}
/** What became of one append of a group: its outcome, or the error that failed it alone. */
export type Settled = {
    readonly outcome: AppendOutcome;
} | {
    readonly error: unknown;
};
export interface GroupResult {
    readonly settled: readonly Settled[];
    /** Whether anything was written (subscribers have something new). */
    readonly wrote: boolean;
}
/**
 * Group commit: appends queued together are written in one transaction with one fsync (synchronous=FULL). Each
 * append checks its own expected revision and runs in its own savepoint, so one failing append does not fail
 * the others. Returns only after COMMIT returned: every outcome it reports is durable. Throws when the
 * transaction itself failed (busy, disk full, I/O error): then nothing of the group is written.
 */
export declare const commitGroup: (st: Statements, group: readonly AppendRequest[]) => GroupResult;
