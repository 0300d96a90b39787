import type { EventStore } from '../../domain/ports/event-store.ts';
import type { DecodeProblem } from '../../projections/projected-event.ts';
import type { View } from '../../projections/view.ts';
import type { SqliteReadStore } from './sqlite.ts';
export interface RunnerOptions {
    readonly store: EventStore;
    readonly readStore: SqliteReadStore;
    readonly views: readonly View[];
    /** Events per transaction at most; a smaller batch commits as soon as the feed pauses. */
    readonly batchSize?: number;
    /** Told of every event that does not decode (it is also kept in the read store's problem table). */
    readonly onProblem?: (p: DecodeProblem) => void;
    /** Told when a batch cannot be committed (disk full, read store corrupt): delivery stops, waiters reject. */
    readonly onFailure?: (err: Error) => void;
}
export interface RebuildProgress {
    readonly done: number;
    readonly total: number;
}
export interface RebuildResult {
    readonly views: readonly string[];
    readonly events: number;
    readonly ms: number;
}
/**
 * Feeds the views from the store: `subscribeAll` after the lowest checkpoint, events gathered into batches and
 * applied one transaction per batch. `waitFor(position)` gives read-your-writes: the API answers a command once
 * every view has passed the position the command's append returned.
 */
export declare class ProjectionRunner {
    private readonly options;
    private readonly batchSize;
    private subscription;
    private buffer;
    private flushScheduled;
    private reached;
    private failure;
    private readonly waiters;
    constructor(options: RunnerOptions);
    /** Starts live delivery from the lowest checkpoint. Views that a version bump reset refold from 0. */
    start(): void;
    /** Stops delivery and commits what was received. */
    stop(): Promise<void>;
    /** The lowest checkpoint over all views: every view has applied every event up to it. */
    position(): number;
    /**
     * Resolves true once every view has passed `position`, false after `timeoutMs` (the caller then answers
     * without the guarantee, or retries). Rejects if the runner failed to apply a batch.
     */
    waitFor(position: number, timeoutMs?: number): Promise<boolean>;
    /**
     * Drops the named view (or every view) and folds the whole log into it again, batch by batch. Live delivery
     * pauses meanwhile and resumes from the checkpoints afterwards.
     */
    rebuild(viewName?: string, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult>;
    /** The error that stopped delivery, if any. */
    failed(): Error | undefined;
    private receive;
    private flush;
    private applyBatch;
    private lowestCheckpoint;
}
