import type { NewEvent } from '../../domain/kernel/envelope.ts';
import type { AppendResult, ExpectedRevision } from '../../domain/ports/event-store.ts';
export { LiveFeed } from './live-feed.ts';
export declare const expectedRevisionHolds: (expected: ExpectedRevision, actual: number) => boolean;
/** Where an event already sits: enough to answer an idempotent retry. */
export interface Placed {
    readonly eventId: string;
    readonly revision: number;
    readonly position: number;
}
/**
 * An append whose event ids are already the stream's events right after the expected revision is a client
 * retrying after a lost acknowledgement: answer as the first time, write nothing. `stream` is the whole stream.
 */
export declare const idempotentRetry: (stream: readonly Placed[], expected: ExpectedRevision, events: readonly NewEvent[]) => AppendResult | undefined;
/**
 * The same check when the store has already found where the first event id sits: `written` holds the stream's
 * events from that revision on (at least `events.length` of them when present).
 */
export declare const retryAt: (written: readonly Placed[], expected: ExpectedRevision, events: readonly NewEvent[]) => AppendResult | undefined;
/** Event ids are unique in the whole store (the SQLite schema enforces it): reusing one elsewhere is a bug upstream. */
export declare class DuplicateEventId extends Error {
    readonly eventId: string;
    readonly streamId: string;
    constructor(eventId: string, streamId: string);
}
export declare const matchesPrefixes: (streamId: string, prefixes?: readonly string[]) => boolean;
