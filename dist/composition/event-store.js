import { existsSync } from 'node:fs';
import { EXIT, OperatorError } from "../adapters/operator-error.js";
import { dataDirLayout } from "./data-dir.js";
import { openEventStoreByUrl } from "../adapters/store/select.js";
import { openEsdbEventStore } from "../adapters/store/esdb/index.js";
import { MemoryEventStore } from "../adapters/store/memory.js";
import { SqliteEventStore } from "../adapters/store/sqlite/index.js";
/** Opens the event store the configuration names (docs/architecture.md §8): `serve`'s opener. */
export const openEventStore = async (config, dataDir) => {
    switch (config.type) {
        case 'memory':
            return new MemoryEventStore();
        case 'sqlite': {
            const path = config.path ?? dataDirLayout(dataDir).events;
            // The server's store: key streams stay cached while unchanged (a call does not re-read its key).
            return SqliteEventStore.open(path, { cacheStreams: true });
        }
        case 'esdb':
            return openEsdbEventStore(config.url);
    }
};
/**
 * Opens the event store the CLI reports on, as serve chooses it: the configuration's `store` (--config) when
 * given, else `KMS_EVENT_STORE` (a `sqlite:` path or an `esdb://` URL), else the data directory's `events.sqlite`.
 * A SQLite file must exist: reporting on an empty new store would say "nothing wrong" about a store never read.
 */
export const openDataDirEventStore = async (dataDir, store, env = process.env) => {
    if (store?.type === 'memory')
        throw new Error('the configuration\'s store is "memory": its events were never kept, there is nothing to read');
    if (store?.type === 'esdb')
        return openEsdbEventStore(store.url);
    const url = store ? undefined : env['KMS_EVENT_STORE'];
    if (url)
        return openEventStoreByUrl(url);
    const path = (store?.type === 'sqlite' ? store.path : undefined) ?? dataDirLayout(dataDir).events;
    if (!existsSync(dataDir) && !store)
        throw new OperatorError('DataDir.Missing', `no data dir at ${dataDir}`, 'Give the --data-dir (or --config, or KMS_DATA_DIR) of a keyledger server', EXIT.dataDir);
    if (!existsSync(path))
        throw new OperatorError('DataDir.FileMissing', `no event store at ${path}`, 'Give the --data-dir (or KMS_DATA_DIR) or --config of a keyledger server', EXIT.dataDir);
    return SqliteEventStore.open(path);
};
