export type Hash = Buffer;
export declare const leafHash: (entry: Buffer) => Hash;
export declare const nodeHash: (left: Hash, right: Hash) => Hash;
/** MTH({}) = SHA-256 of the empty string. */
export declare const EMPTY_ROOT: Hash;
/** The largest power of two strictly less than n (n ≥ 2). */
export declare const splitPoint: (n: number) => number;
/** MTH(D[lo:hi]) for 0 ≤ lo < hi ≤ size: a stored tree answers from its complete subtrees. */
export type RangeHash = (lo: number, hi: number) => Hash;
/** RFC 9162 §2.1.1 MTH over all leaf hashes, for trees held in memory. */
export declare const rootOf: (leaves: readonly Hash[]) => Hash;
/** RFC 9162 §2.1.3.1 PATH(m, D[n]): sibling hashes from the leaf up. */
export declare const inclusionPath: (index: number, size: number, hash: RangeHash) => Hash[];
/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) for 0 < m ≤ n; empty when m = n. */
export declare const consistencyPath: (m: number, n: number, hash: RangeHash) => Hash[];
/** RFC 9162 §2.1.3.2: the root the path leads to from the leaf, or undefined when the path cannot be right. */
export declare const rootFromInclusion: (index: number, size: number, leaf: Hash, path: readonly Hash[]) => Hash | undefined;
export declare const verifyInclusion: (index: number, size: number, leaf: Hash, path: readonly Hash[], root: Hash) => boolean;
/**
 * RFC 9162 §2.1.4.2, with the cases the RFC leaves to the caller: equal sizes need an empty proof and equal
 * roots; any tree is consistent with the empty one (empty proof); a smaller second tree never is.
 */
export declare const verifyConsistency: (m: number, n: number, rootM: Hash, rootN: Hash, path: readonly Hash[]) => boolean;
/**
 * The complete subtrees a tree of `size` leaves is made of, left to right (its frontier, RFC 9162's "compact
 * range"): each `{ level, index }` covers leaves [index·2^level, (index+1)·2^level).
 */
export declare const frontierOf: (size: number) => Array<{
    level: number;
    index: number;
}>;
/**
 * MTH(D[lo:hi]) from complete subtrees: a range of a proof is either one complete subtree or splits into
 * complete subtrees on the left and a shorter range on the right, so O(log n) lookups answer it.
 */
export declare const rangeFromNodes: (node: (level: number, index: number) => Hash) => RangeHash;
/**
 * Every complete subtree over leaves held in memory (about 2n hashes), so that the root of any prefix and any
 * proof then take O(log n): `audit verify` checks many checkpoints against one recomputed log this way.
 */
export declare const memoryRange: (leaves: readonly Hash[]) => RangeHash;
export declare const rootOfRange: (range: RangeHash, size: number) => Hash;
