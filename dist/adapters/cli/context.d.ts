import type { Command } from 'commander';
import type { EventStore } from '../../domain/ports/event-store.ts';
import type { StoreConfig } from '../../composition/config.ts';
import { storeTarget, type StoreTarget } from '../../composition/settings.ts';
/** What every CLI command receives: how to open the data directory's stores, where to write, and the clock. */
export interface CliContext {
    /** The configuration's store when given, else KMS_EVENT_STORE, else the data dir's events.sqlite (store/open.ts). */
    readonly openEventStore: (dataDir: string, store?: StoreConfig) => Promise<EventStore>;
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    readonly now: () => Date;
    /** Draw progress bars (off in specs and when stderr is not a terminal). */
    readonly progress: boolean;
}
export declare const defaultDataDir: () => string;
/** The read store's own file in the data directory (docs/architecture.md §6: separate from the event store's). */
export declare const readStorePath: (dataDir: string) => string;
/** The options every command reading the events takes: where the server keeps them. */
export interface StoreOptions {
    readonly dataDir?: string;
    readonly config?: string;
}
export declare const withStoreOptions: (c: Command) => Command;
export { storeTarget, type StoreTarget };
/** Opens the store, runs `f`, and closes the store whatever happens. */
export declare const withStore: <T>(ctx: CliContext, target: StoreTarget, f: (store: EventStore) => Promise<T>) => Promise<T>;
