import { join } from 'node:path'
import type { AuditTree } from '../../domain/ports/audit-tree.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { SqliteEventStore } from '../store/sqlite/index.ts'
import { MemoryEventStore } from '../store/memory.ts'
import { ProjectedAuditTree } from './projected-tree.ts'

export const AUDIT_TREE_FILE = 'audit-tree.sqlite'

export interface OpenedAuditTree {
  readonly tree: AuditTree
  close(): void
}

/**
 * The audit tree of a store: on SQLite the one in the event store's own file; otherwise the projected tree in
 * `<dataDir>/audit-tree.sqlite` (in memory for the memory store, whose events are not kept either).
 */
export const auditTreeFor = (store: EventStore, dataDir: string): OpenedAuditTree => {
  if (store instanceof SqliteEventStore) return { tree: store.auditTree(), close: () => undefined }
  const projected = ProjectedAuditTree.open(store, store instanceof MemoryEventStore ? ':memory:' : join(dataDir, AUDIT_TREE_FILE))
  return { tree: projected, close: () => projected.close() }
}
