import type { Database } from 'better-sqlite3';
import { type Hash, type RangeHash } from '../../domain/audit/merkle.ts';
import { type LeafEntry } from '../../domain/audit/leaf.ts';
export declare const AUDIT_TREE_TABLES = "\n  CREATE TABLE IF NOT EXISTS audit_nodes (\n    id       INTEGER PRIMARY KEY, -- (size at completion) * 64 + level\n    hash     BLOB    NOT NULL,\n    position INTEGER              -- leaves only: the event's store position\n  ) STRICT;\n";
export declare class SqliteMerkleTree {
    private readonly st;
    /** The table must exist (the event store's migration, or `ensureTables`). */
    constructor(db: Database);
    static ensureTables(db: Database): void;
    size(): number;
    /** The store position of the last leaf (0 when empty): where a catch-up resumes. */
    lastPosition(): number;
    /**
     * The complete subtrees of the tree as this connection last wrote it (its frontier, one per set bit of the
     * size), so an append hashes with what it already has instead of reading it back. It is used only while the
     * table's last row is still the one it wrote (another process, or a rolled-back savepoint, changes that).
     */
    private frontier;
    private frontierFor;
    /**
     * Adds leaves for events just written, in global order. Runs inside the caller's transaction: the leaves
     * commit, or roll back, with the events. Each leaf is a binary increment of the size: at every level where
     * the size had a complete subtree, the two merge and carry one level up.
     */
    append(entries: readonly LeafEntry[]): void;
    node(level: number, index: number): Hash;
    readonly range: RangeHash;
    root(size?: number): Hash;
    leafPosition(index: number): number | undefined;
    /** Binary search: leaf positions strictly increase with the leaf index. */
    leafIndexOf(position: number): number | undefined;
    leafHashes(from: number, to: number): Hash[];
}
