import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
/** The copy finished but a stream's chain in the target is not the source's: the target must not be used. */
export declare class CopyMismatch extends Error {
    readonly streamId: string;
    constructor(streamId: string, reason: string);
}
/** Recomputes a stream's chain from GENESIS_HASH; returns its last hash, or what is wrong with it. */
export declare const recomputeChain: (events: readonly RecordedEvent[]) => {
    lastHash: string;
} | {
    problem: string;
};
/**
 * The final check of a copy: for every stream, both chains recompute from GENESIS_HASH, the target holds at least
 * the source's events up to the copy's head (`lastRevision`), and the last hash of the target equals the source's
 * at that revision. The chain covers ids, types, data, metadata and revisions, so equal hashes mean equal streams.
 */
export declare const verifyCopiedStream: (source: EventStore, target: EventStore, streamId: string, lastRevision: number) => Promise<void>;
