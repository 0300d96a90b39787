import type { Hash, RangeHash } from '../audit/merkle.ts';
/**
 * The Merkle tree over the global log (docs/verifiable-log.md), as stored beside the events: leaves in global
 * order, complete subtrees kept so that roots and proofs take O(log n) reads. What it holds is NOT trusted by
 * verification (a writer of the data dir can rewrite it as well as the events): checks recompute leaves from
 * the events and compare roots with signed checkpoints; the stored tree only makes proofs and checkpoints cheap.
 */
export interface AuditTree {
    /** Brings the tree up to the store's head: nothing to do where the tree grows in the append's transaction. */
    catchUp(): Promise<void>;
    /** Leaves in the tree. */
    size(): number;
    /** MTH of leaves [lo, hi) from stored complete subtrees. */
    readonly range: RangeHash;
    /** The leaf of the event at this store position, if the tree has it. */
    leafIndexOf(position: number): number | undefined;
    /** The store position the leaf stands for. */
    leafPosition(index: number): number | undefined;
    /** Stored leaf hashes [from, to). */
    leafHashes(from: number, to: number): Hash[];
}
