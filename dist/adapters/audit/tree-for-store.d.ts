import type { AuditTree } from '../../domain/ports/audit-tree.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
export declare const AUDIT_TREE_FILE = "audit-tree.sqlite";
export interface OpenedAuditTree {
    readonly tree: AuditTree;
    close(): void;
}
/**
 * The audit tree of a store: on SQLite the one in the event store's own file; otherwise the projected tree in
 * `<dataDir>/audit-tree.sqlite` (in memory for the memory store, whose events are not kept either).
 */
export declare const auditTreeFor: (store: EventStore, dataDir: string) => OpenedAuditTree;
