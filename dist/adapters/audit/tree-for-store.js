import { join } from 'node:path';
import { SqliteEventStore } from "../store/sqlite/index.js";
import { MemoryEventStore } from "../store/memory.js";
import { ProjectedAuditTree } from "./projected-tree.js";
export const AUDIT_TREE_FILE = 'audit-tree.sqlite';
/**
 * The audit tree of a store: on SQLite the one in the event store's own file; otherwise the projected tree in
 * `<dataDir>/audit-tree.sqlite` (in memory for the memory store, whose events are not kept either).
 */
export const auditTreeFor = (store, dataDir) => {
    if (store instanceof SqliteEventStore)
        return { tree: store.auditTree(), close: () => undefined };
    const projected = ProjectedAuditTree.open(store, store instanceof MemoryEventStore ? ':memory:' : join(dataDir, AUDIT_TREE_FILE));
    return { tree: projected, close: () => projected.close() };
};
