import type { CommitStats } from './group-commit.ts';
import type { AppendOutcome, AppendRequest } from './write-append.ts';
/**
 * The store's side of its writer thread (writer-thread.ts). Appends made during one turn of the event loop go
 * over in one message; each promise settles when the writer reports its transaction committed (fsynced). The
 * thread keeps the process alive only while appends are in flight, so a store nobody closes does not hang the
 * process, and one with appends in flight does not let it exit before they are acknowledged.
 */
export declare class ThreadWriter {
    private readonly worker;
    private readonly committed;
    readonly stats: CommitStats;
    private readonly waiting;
    private outbox;
    private nextId;
    private posting;
    private failure;
    private closed;
    private onClosed;
    private constructor();
    static start(path: string, busyTimeoutMs: number | undefined, committed: () => void): Promise<ThreadWriter>;
    enqueue(request: AppendRequest): Promise<AppendOutcome>;
    /** Sends what is queued, lets the writer commit it, and stops the thread. */
    close(): Promise<void>;
    private post;
    private send;
    private receive;
    private fail;
}
