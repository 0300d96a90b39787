import type { Logger } from 'pino';
import type { EventStore } from '../../domain/ports/event-store.ts';
import type { KeyCatalogueQuery, KeyPolicyHistoryQuery, KeyUsageQuery } from '../../projections/queries.ts';
import { PositionTrackingStore } from './position-tracking-store.ts';
import { ProjectionRunner } from './runner.ts';
import { SqliteReadStore } from './sqlite.ts';
/** How a wait for the read models ended: `timeout` and `failed` are logged; the API answers anyway. */
import type { ReadWait } from '../../domain/ports/read-store.ts';
export type { ReadWait } from '../../domain/ports/read-store.ts';
export interface ReadModels {
    readonly catalogue: KeyCatalogueQuery;
    readonly usage: KeyUsageQuery;
    readonly policies: KeyPolicyHistoryQuery;
    /** Runs a request's handler; `position` is the highest position its (non-usage) appends reached, 0 for none. */
    track<T>(f: () => Promise<T>): Promise<{
        value: T;
        position: number;
    }>;
    /** Waits (bounded) until every view has passed `position`. */
    waitFor(position: number): Promise<ReadWait>;
    /** Waits (bounded) until every view has passed the store's head as of now: sees every commit made before the call. */
    catchUp(): Promise<ReadWait>;
    /** How many events a stream held as the stream-heads view last saw it (0 when unknown): counts without reading. */
    streamLength(streamId: string): number;
}
export interface OpenReadModelsOptions {
    /** The event store the views fold; appends must go through `tracking` for read-your-writes. */
    readonly store: EventStore;
    readonly tracking: PositionTrackingStore;
    /** `<dataDir>/readstore.sqlite`, or `:memory:`. */
    readonly path: string;
    readonly logger: Logger;
    /** How long a request waits for the views before answering without them (default 2000 ms). */
    readonly waitMs?: number;
    /**
     * S-10: when call recording began. Default: the store's first event, since this server records every call
     * from its first day; give the day recording was switched on for a store that began without it.
     */
    readonly usageTrackingSince?: string;
}
export interface RunningReadModels extends ReadModels {
    readonly runner: ProjectionRunner;
    readonly readStore: SqliteReadStore;
    close(): Promise<void>;
}
export declare const DEFAULT_READ_WAIT_MS = 2000;
/** Opens the read store, starts the runner and waits until the views have caught up with the store's head. */
export declare const openReadModels: (o: OpenReadModelsOptions) => Promise<RunningReadModels>;
