import type { AuditTree } from '../../domain/ports/audit-tree.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
/**
 * The audit tree beside a store that cannot hold it in the append's transaction (EventStoreDB, where several
 * nodes append to one log; the memory store): a catch-up projection of the global log, in the store's order,
 * into `<dataDir>/audit-tree.sqlite` (docs/verifiable-log.md "EventStoreDB"). An answer still means its event is
 * durable (the store acknowledged it); the leaf follows at the next catch-up, which every checkpoint and proof
 * runs first. Several processes may catch up at once: each page is added under the file's write lock, after
 * re-reading where the tree ends.
 */
export declare class ProjectedAuditTree implements AuditTree {
    private readonly store;
    private readonly db;
    private readonly tree;
    private constructor();
    static open(store: EventStore, path: string): ProjectedAuditTree;
    catchUp(): Promise<void>;
    size(): number;
    readonly range: (lo: number, hi: number) => import("../../domain/audit/merkle.ts").Hash;
    leafIndexOf(position: number): number | undefined;
    leafPosition(index: number): number | undefined;
    leafHashes(from: number, to: number): import("../../domain/audit/merkle.ts").Hash[];
    close(): void;
}
