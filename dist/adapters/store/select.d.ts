import type { EventStore } from '../../domain/ports/event-store.ts';
/** An event store URL this build cannot open: the message lists what it can. */
export declare class UnsupportedStoreUrl extends Error {
    readonly url: string;
    constructor(url: string, reason: string);
}
export type StoreLocation = {
    readonly kind: 'sqlite';
    readonly path: string;
} | {
    readonly kind: 'esdb';
    readonly connectionString: string;
};
/**
 * `sqlite:/abs/events.sqlite`, `sqlite:relative/events.sqlite`, `sqlite:///abs/events.sqlite` or a plain path:
 * the SQLite store (serve's is `<dataDir>/events.sqlite`). `esdb://…` and `esdb+discover://…`: EventStoreDB (the connection string goes to the client as is).
 */
export declare const parseStoreUrl: (url: string) => StoreLocation;
/**
 * Opens the event store a URL names. `mustExist` (for a copy's source) refuses a SQLite path with no file rather
 * than creating an empty store there.
 */
export declare const openEventStoreByUrl: (url: string, options?: {
    mustExist?: boolean;
}) => Promise<EventStore>;
