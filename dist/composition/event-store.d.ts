import type { EventStore } from '../domain/ports/event-store.ts';
import type { StoreConfig } from './config.ts';
/** Opens the event store the configuration names (docs/architecture.md §8): `serve`'s opener. */
export declare const openEventStore: (config: StoreConfig, dataDir: string) => Promise<EventStore>;
/**
 * Opens the event store the CLI reports on, as serve chooses it: the configuration's `store` (--config) when
 * given, else `KMS_EVENT_STORE` (a `sqlite:` path or an `esdb://` URL), else the data directory's `events.sqlite`.
 * A SQLite file must exist: reporting on an empty new store would say "nothing wrong" about a store never read.
 */
export declare const openDataDirEventStore: (dataDir: string, store?: StoreConfig, env?: NodeJS.ProcessEnv) => Promise<EventStore>;
