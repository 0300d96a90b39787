import type { Either } from 'fp-ts/lib/Either.js';
import type { NewEvent, RecordedEvent } from '../kernel/envelope.ts';
/**
 * What the appender believes about the stream: `no_stream` makes creation atomic (aliases, the default key),
 * a number is the revision of the stream's last event (optimistic concurrency), `any` skips the check.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;
export interface AppendResult {
    /** Revision of the last event written (or already present, on an idempotent retry). */
    readonly lastRevision: number;
    /** Global position of the last event written: read models are "caught up" once they pass it. */
    readonly position: number;
}
export interface WrongExpectedRevision {
    readonly kind: 'WrongExpectedRevision';
    readonly streamId: string;
    readonly expected: ExpectedRevision;
    /** The stream's actual last revision, or -1 when it does not exist. */
    readonly actual: number;
}
export interface Subscription {
    /** Stops delivery; resolves once no handler call is running. */
    stop(): Promise<void>;
}
export interface ReadAllOptions {
    /** Exclusive: events strictly after this position: 0 (from the start) or a position the store returned. */
    readonly after?: number;
    readonly limit?: number;
    /** Only streams whose id starts with one of these prefixes (e.g. `key-`). */
    readonly streamPrefixes?: readonly string[];
}
/**
 * The event store port (docs/architecture.md §8). Every adapter passes `spec/adapters/store/contract.ts`.
 * Infrastructure failures reject the promise; a concurrency conflict is a value.
 *
 * Positions are opaque, positive numbers that strictly increase in global order; they need not be dense (SQLite
 * counts 1, 2, 3…, EventStoreDB gives commit positions, byte offsets in its log). Compare them, store them as
 * checkpoints, pass them back as `after`; never compute one.
 */
export interface EventStore {
    /**
     * Appends events atomically. Re-sending events whose ids were already written at that place in the stream is
     * an idempotent retry: it succeeds and writes nothing.
     */
    append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<Either<WrongExpectedRevision, AppendResult>>;
    /**
     * Events of one stream from a revision on (inclusive), in order, at most `limit` of them (all when omitted);
     * empty when the stream does not exist. A limit lets a request page through a long stream (a key's usage)
     * without loading it whole.
     */
    readStream(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]>;
    /** Events of all streams in global order. */
    readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
    /**
     * Catch-up then live delivery, in global order, of every event after `after`; the handler is awaited. A handler
     * that throws ends its subscription (the adapter reports it); the consumer resubscribes from its checkpoint.
     */
    subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription;
    /** The position of the last event in the store (0 when empty). */
    headPosition(): Promise<number>;
    close(): Promise<void>;
}
