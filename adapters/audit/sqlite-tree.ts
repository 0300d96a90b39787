import type { Database, Statement } from 'better-sqlite3'
import { EMPTY_ROOT, nodeHash, rangeFromNodes, type Hash, type RangeHash } from '../../domain/audit/merkle.ts'
import { entryLeafHash, type LeafEntry } from '../../domain/audit/leaf.ts'

// The audit tree's tables (docs/verifiable-log.md "Storage"), in the event store's own file on SQLite (added in
// the same transaction as the events, so an acknowledged append is in the tree) or in `audit-tree.sqlite` beside
// another store. Leaves keep the store position they stand for; `audit_nodes` keeps every complete subtree
// (level ≥ 1) once it is complete, so each append writes its leaf and, amortised, one node, and never rehashes.

export const AUDIT_TREE_TABLES = `
  CREATE TABLE IF NOT EXISTS audit_leaves (
    leaf_index INTEGER PRIMARY KEY,
    position   INTEGER NOT NULL UNIQUE,
    hash       BLOB    NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS audit_nodes (
    level      INTEGER NOT NULL,
    node_index INTEGER NOT NULL,
    hash       BLOB    NOT NULL,
    PRIMARY KEY (level, node_index)
  ) STRICT, WITHOUT ROWID;
`

export class SqliteMerkleTree {
  private readonly st: {
    size: Statement<[], { n: number }>
    leaf: Statement<[number], { hash: Buffer }>
    node: Statement<[number, number], { hash: Buffer }>
    leafOf: Statement<[number], { i: number }>
    positionOf: Statement<[number], { p: number }>
    leaves: Statement<[number, number], { hash: Buffer }>
    lastPosition: Statement<[], { p: number }>
    insertLeaf: Statement<[number, number, Buffer]>
    insertNode: Statement<[number, number, Buffer]>
  }

  /** The tables must exist (the event store's migration, or `ensureTables`). */
  constructor(private readonly db: Database) {
    this.st = {
      size: db.prepare('SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM audit_leaves'),
      leaf: db.prepare('SELECT hash FROM audit_leaves WHERE leaf_index = ?'),
      node: db.prepare('SELECT hash FROM audit_nodes WHERE level = ? AND node_index = ?'),
      leafOf: db.prepare('SELECT leaf_index AS i FROM audit_leaves WHERE position = ?'),
      positionOf: db.prepare('SELECT position AS p FROM audit_leaves WHERE leaf_index = ?'),
      leaves: db.prepare('SELECT hash FROM audit_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index'),
      lastPosition: db.prepare('SELECT coalesce(max(position), 0) AS p FROM audit_leaves'),
      insertLeaf: db.prepare('INSERT INTO audit_leaves (leaf_index, position, hash) VALUES (?, ?, ?)'),
      insertNode: db.prepare('INSERT INTO audit_nodes (level, node_index, hash) VALUES (?, ?, ?)'),
    }
  }

  static ensureTables(db: Database): void {
    db.exec(AUDIT_TREE_TABLES)
  }

  size(): number {
    return this.st.size.get()!.n
  }

  /** The store position of the last leaf (0 when empty): where a catch-up resumes. */
  lastPosition(): number {
    return this.st.lastPosition.get()!.p
  }

  /**
   * Adds leaves for events just written, in global order. Runs inside the caller's transaction: the leaves
   * commit, or roll back, with the events.
   */
  append(entries: readonly LeafEntry[]): void {
    let size = entries.length ? this.size() : 0
    for (const e of entries) {
      let hash = entryLeafHash(e)
      this.st.insertLeaf.run(size, e.position, hash)
      // Each odd index closes a complete subtree with its left sibling, one level up, as long as it stays odd.
      for (let level = 0, index = size; index % 2 === 1; level++, index = (index - 1) / 2) {
        hash = nodeHash(this.node(level, index - 1), hash)
        this.st.insertNode.run(level + 1, (index - 1) / 2, hash)
      }
      size++
    }
  }

  node(level: number, index: number): Hash {
    const row = level === 0 ? this.st.leaf.get(index) : this.st.node.get(level, index)
    if (!row) throw new Error(`the audit tree has no node ${level}/${index}: its tables are incomplete`)
    return row.hash
  }

  readonly range: RangeHash = rangeFromNodes((level, index) => this.node(level, index))

  root(size = this.size()): Hash {
    return size === 0 ? EMPTY_ROOT : this.range(0, size)
  }

  leafIndexOf(position: number): number | undefined {
    return this.st.leafOf.get(position)?.i
  }

  leafPosition(index: number): number | undefined {
    return this.st.positionOf.get(index)?.p
  }

  leafHashes(from: number, to: number): Hash[] {
    return this.st.leaves.all(from, to).map((r) => r.hash)
  }

  get database(): Database {
    return this.db
  }
}
