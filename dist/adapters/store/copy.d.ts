import type { EventStore } from '../../domain/ports/event-store.ts';
export { CopyRefused } from './copy-plan.ts';
export { CopyMismatch } from './copy-verify.ts';
/** `copy`: events of the source up to its head (those the target already held count as done); `verify`: streams. */
export interface CopyProgress {
    readonly phase: 'copy' | 'verify';
    readonly done: number;
    readonly total: number;
}
export interface CopyOptions {
    readonly onProgress?: (p: CopyProgress) => void;
    /** Stops between appends (e.g. on Ctrl-C); what was written stays, and the next run resumes after it. */
    readonly signal?: AbortSignal;
}
export interface CopyReport {
    readonly streams: number;
    readonly total: number;
    /** Events written by this run. */
    readonly written: number;
    /** Events the target already held (an earlier, interrupted run). */
    readonly alreadyPresent: number;
    /** Wall time of the copy phase, and events written per second during it. */
    readonly seconds: number;
    readonly eventsPerSecond: number;
    /** Streams whose last hash was recomputed and compared in source and target. */
    readonly verified: number;
}
/**
 * Copies every stream of `source` into `target`, keeping stream ids, revisions, event ids, types, data and
 * metadata. The target seals each event on append (`sealEvents`) from the same previous hash at the same
 * revision, so every hash comes out identical; the final check recomputes and compares them.
 *
 * - Events are appended in the source's global order, runs of one stream as one atomic append, one append at a
 *   time: the target's global order is the source's (positions themselves differ between stores).
 * - Only the source up to its head at the start is copied; a later run copies what came after.
 * - Streams the target already holds must be identical prefixes (an interrupted copy): the copy then resumes
 *   after them. Anything else is refused before anything is written (`CopyRefused`).
 * - Each append states the exact revision it expects, so a concurrent writer on the target stops the copy
 *   (`CopyRefused`) instead of interleaving with it.
 */
export declare const copyEventStore: (source: EventStore, target: EventStore, options?: CopyOptions) => Promise<CopyReport>;
