import Database from 'better-sqlite3'
import { sealedEntryOf } from '../../domain/audit/leaf.ts'
import type { AuditTree } from '../../domain/ports/audit-tree.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { ensurePrivateDatabaseFile } from '../private-file.ts'
import { checkSchema, SCHEMAS } from '../data-dir/schema-version.ts'
import { SqliteMerkleTree } from './sqlite-tree.ts'

const PAGE = 5_000

/**
 * The audit tree beside a store that cannot hold it in the append's transaction (EventStoreDB, where several
 * nodes append to one log; the memory store): a catch-up projection of the global log, in the store's order,
 * into `<dataDir>/audit-tree.sqlite` (docs/verifiable-log.md "EventStoreDB"). An answer still means its event is
 * durable (the store acknowledged it); the leaf follows at the next catch-up, which every checkpoint and proof
 * runs first. Several processes may catch up at once: each page is added under the file's write lock, after
 * re-reading where the tree ends.
 */
export class ProjectedAuditTree implements AuditTree {
  private constructor(private readonly store: EventStore, private readonly db: Database.Database, private readonly tree: SqliteMerkleTree) {}

  static open(store: EventStore, path: string): ProjectedAuditTree {
    if (path !== ':memory:') ensurePrivateDatabaseFile(path)
    const db = new Database(path)
    try {
      db.pragma('busy_timeout = 5000')
      if (path !== ':memory:') {
        checkSchema(db, path, SCHEMAS.auditTree) // every database records its version (docs/operations.md#upgrades)
        db.pragma('journal_mode = WAL')
      }
      SqliteMerkleTree.ensureTables(db)
      return new ProjectedAuditTree(store, db, new SqliteMerkleTree(db))
    } catch (e) {
      db.close()
      throw e
    }
  }

  async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.tree.lastPosition(), limit: PAGE })
      if (page.length === 0) return
      this.db.transaction(() => {
        const last = this.tree.lastPosition() // another process may have added some meanwhile
        this.tree.append(page.filter((e) => e.position > last).map(sealedEntryOf))
      }).immediate()
      if (page.length < PAGE) return
    }
  }

  size(): number {
    return this.tree.size()
  }

  readonly range = (lo: number, hi: number) => this.tree.range(lo, hi)

  leafIndexOf(position: number): number | undefined {
    return this.tree.leafIndexOf(position)
  }

  leafPosition(index: number): number | undefined {
    return this.tree.leafPosition(index)
  }

  leafHashes(from: number, to: number) {
    return this.tree.leafHashes(from, to)
  }

  close(): void {
    this.db.close()
  }
}
