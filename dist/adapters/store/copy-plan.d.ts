import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
/** Pages of `readAll` while copying: big enough for throughput, small enough to keep memory flat. */
export declare const COPY_PAGE = 500;
/** The copy cannot go on without overwriting or forking what the target holds. Nothing was written when it is thrown by the plan. */
export declare class CopyRefused extends Error {
    readonly streamId: string;
    constructor(streamId: string, reason: string);
}
/** What the copy will do: the source up to `head`, stream by stream, and how much of each the target already holds. */
export interface CopyPlan {
    /** The source's head when the copy started: later events are left for the next run (which resumes). */
    readonly head: number;
    /** Events of the source up to `head`. */
    readonly total: number;
    /** Per stream: the source's last revision up to `head`, and how many of its events the target already holds. */
    readonly streams: ReadonlyMap<string, {
        readonly lastRevision: number;
        readonly present: number;
    }>;
}
/** The same event: id, type, data and metadata (hash and prevHash included, so the same place in the same chain). */
export declare const sameEvent: (a: RecordedEvent, b: RecordedEvent) => boolean;
/**
 * Reads the source's stream inventory up to its head, then checks every one of those streams in the target: it
 * must be absent or an identical prefix of the source's stream (an earlier, interrupted copy). Anything else
 * refuses the whole copy before a single event is written.
 */
export declare const planCopy: (source: EventStore, target: EventStore) => Promise<CopyPlan>;
