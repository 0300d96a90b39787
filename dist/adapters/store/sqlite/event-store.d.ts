import type { NewEvent, RecordedEvent } from '../../../domain/kernel/envelope.ts';
import type { AuditTree } from '../../../domain/ports/audit-tree.ts';
import type { EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../../../domain/ports/event-store.ts';
import { type SubscriptionErrorReporter } from '../live-feed.ts';
import type { CommitStats } from './group-commit.ts';
import type { AppendOutcome } from './write-append.ts';
export interface SqliteEventStoreOptions {
    /** How often subscribers look for commits made by other processes sharing the file (local commits wake them at once). */
    readonly pollIntervalMs?: number;
    readonly busyTimeoutMs?: number;
    readonly onSubscriptionError?: SubscriptionErrorReporter;
    /**
     * Keep whole streams (not usage streams) between reads while they are unchanged (stream-cache.ts): the server
     * turns it on. Off for tools that compare or verify the file: a cached stream would not show an edit made in
     * place behind the store (which appends nothing).
     */
    readonly cacheStreams?: boolean;
}
/**
 * The default event store (docs/architecture.md §8): one SQLite file, WAL, every acknowledged append fsynced, group commit.
 * Reads run on this thread's connection; appends go to a writer thread with its own connection, so a commit's
 * fsync never blocks the event loop (writer-thread.ts).
 */
export declare class SqliteEventStore implements EventStore {
    private readonly db;
    private readonly writer;
    private readonly st;
    private readonly feed;
    private readonly cache;
    private closing;
    private constructor();
    static open(path: string, options?: SqliteEventStoreOptions): Promise<SqliteEventStore>;
    append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<AppendOutcome>;
    readStream(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]>;
    readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
    subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription;
    headPosition(): Promise<number>;
    /** The audit tree in this file, grown in every append's transaction (docs/verifiable-log.md). */
    auditTree(): AuditTree;
    /** Transactions and appends written so far: group commit at work shows as appends > transactions. */
    commitStats(): Readonly<CommitStats>;
    /** Writes what is queued, stops subscriptions (waiting for running handlers), then closes the file. */
    close(): Promise<void>;
    private assertOpen;
}
