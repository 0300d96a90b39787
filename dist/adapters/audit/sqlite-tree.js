import { EMPTY_ROOT, frontierOf, nodeHash, rangeFromNodes } from "../../domain/audit/merkle.js";
import { entryLeafHash } from "../../domain/audit/leaf.js";
// The audit tree's table (docs/verifiable-log.md "Storage"), in the event store's own file on SQLite (added in
// the same transaction as the events, so an acknowledged append is in the tree) or in `audit-tree.sqlite` beside
// another store. One row per leaf and per complete subtree, written once, when it completes, never rewritten.
//
// A node's key is the tree size at which it completed, times 64, plus its level: every append writes keys
// larger than all before, so its rows land on the b-tree's last page, and an append costs one more page write
// to the WAL, not one per table and index (the 10 % throughput budget, scripts/bench/audit-tree.ts). Leaves
// (level 0) also keep the store position they stand for; positions grow with the leaf index, so the leaf of a
// position is found by binary search, without an index.
export const AUDIT_TREE_TABLES = `
  CREATE TABLE IF NOT EXISTS audit_nodes (
    id       INTEGER PRIMARY KEY, -- (size at completion) * 64 + level
    hash     BLOB    NOT NULL,
    position INTEGER              -- leaves only: the event's store position
  ) STRICT;
`;
const LEVELS = 64;
const keyOf = (level, index) => (index + 1) * 2 ** level * LEVELS + level;
export class SqliteMerkleTree {
    st;
    /** The table must exist (the event store's migration, or `ensureTables`). */
    constructor(db) {
        this.st = {
            last: db.prepare('SELECT id, hash FROM audit_nodes ORDER BY id DESC LIMIT 1'),
            node: db.prepare('SELECT hash, position FROM audit_nodes WHERE id = ?'),
            leaves: db.prepare(`SELECT hash FROM audit_nodes WHERE id >= ? AND id <= ? AND id % ${LEVELS} = 0 ORDER BY id`),
            insert: db.prepare('INSERT INTO audit_nodes (id, hash, position) VALUES (?, ?, ?)'),
        };
    }
    static ensureTables(db) {
        db.exec(AUDIT_TREE_TABLES);
    }
    size() {
        const id = this.st.last.get()?.id;
        return id === undefined ? 0 : Math.floor(id / LEVELS);
    }
    /** The store position of the last leaf (0 when empty): where a catch-up resumes. */
    lastPosition() {
        const n = this.size();
        return n === 0 ? 0 : this.leafPosition(n - 1);
    }
    /**
     * The complete subtrees of the tree as this connection last wrote it (its frontier, one per set bit of the
     * size), so an append hashes with what it already has instead of reading it back. It is used only while the
     * table's last row is still the one it wrote (another process, or a rolled-back savepoint, changes that).
     */
    frontier;
    frontierFor(last, size) {
        const f = this.frontier;
        if (f && last && f.lastId === last.id && f.lastHash.equals(last.hash))
            return f.levels;
        const levels = [];
        for (const { level, index } of frontierOf(size))
            levels[level] = this.node(level, index);
        return levels;
    }
    /**
     * Adds leaves for events just written, in global order. Runs inside the caller's transaction: the leaves
     * commit, or roll back, with the events. Each leaf is a binary increment of the size: at every level where
     * the size had a complete subtree, the two merge and carry one level up.
     */
    append(entries) {
        if (entries.length === 0)
            return;
        const last = this.st.last.get();
        let size = last === undefined ? 0 : Math.floor(last.id / LEVELS);
        const levels = [...this.frontierFor(last, size)];
        let lastId = 0;
        let lastHash = EMPTY_ROOT;
        const put = (id, hash, position) => {
            this.st.insert.run(id, hash, position);
            lastId = id;
            lastHash = hash;
        };
        for (const e of entries) {
            let hash = entryLeafHash(e);
            put(keyOf(0, size), hash, e.position);
            let level = 0;
            for (let index = size; index % 2 === 1; index = (index - 1) / 2) {
                hash = nodeHash(levels[level], hash);
                levels[level] = undefined;
                level++;
                put(keyOf(level, (index - 1) / 2), hash, null);
            }
            levels[level] = hash;
            size++;
        }
        this.frontier = { lastId, lastHash, levels };
    }
    node(level, index) {
        const row = this.st.node.get(keyOf(level, index));
        if (!row)
            throw new Error(`the audit tree has no node ${level}/${index}: its table is incomplete`);
        return row.hash;
    }
    range = rangeFromNodes((level, index) => this.node(level, index));
    root(size = this.size()) {
        return size === 0 ? EMPTY_ROOT : this.range(0, size);
    }
    leafPosition(index) {
        return this.st.node.get(keyOf(0, index))?.position ?? undefined;
    }
    /** Binary search: leaf positions strictly increase with the leaf index. */
    leafIndexOf(position) {
        let lo = 0;
        let hi = this.size() - 1;
        while (lo <= hi) {
            const mid = Math.floor((lo + hi) / 2);
            const p = this.leafPosition(mid);
            if (p === undefined)
                return undefined;
            if (p === position)
                return mid;
            if (p < position)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return undefined;
    }
    leafHashes(from, to) {
        return to <= from ? [] : this.st.leaves.all(keyOf(0, from), keyOf(0, to - 1)).map((r) => r.hash);
    }
}
