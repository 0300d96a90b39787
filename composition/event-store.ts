import { existsSync } from 'node:fs'
import { EXIT, OperatorError } from '../adapters/operator-error.ts'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { StoreConfig } from './config.ts'
import { dataDirLayout } from './data-dir.ts'
import { openEventStoreByUrl } from '../adapters/store/select.ts'
import { openEsdbEventStore } from '../adapters/store/esdb/index.ts'
import { MemoryEventStore } from '../adapters/store/memory.ts'
import { SqliteEventStore, type AppendWriterFactory } from '../adapters/store/sqlite/index.ts'

/**
 * Opens the event store the configuration names (docs/architecture.md §8): `serve`'s opener. `writer`: a worker of
 * `serve --workers` commits its SQLite appends through the primary's writer (adapters/cluster/shared-writer.ts).
 */
export const openEventStore = async (config: StoreConfig, dataDir: string, writer?: AppendWriterFactory): Promise<EventStore> => {
  switch (config.type) {
    case 'memory':
      return new MemoryEventStore()
    case 'sqlite': {
      const path = config.path ?? dataDirLayout(dataDir).events
      // The server's store: key streams stay cached while unchanged (a call does not re-read its key).
      return SqliteEventStore.open(path, { cacheStreams: true, ...(writer ? { writer } : {}) })
    }
    case 'esdb':
      return openEsdbEventStore(config.url)
  }
}

/**
 * Opens the event store the CLI reports on, as serve chooses it: the configuration's `store` (--config) when
 * given, else `KMS_EVENT_STORE` (a `sqlite:` path or an `esdb://` URL), else the data directory's `events.sqlite`.
 * A SQLite file must exist: reporting on an empty new store would say "nothing wrong" about a store never read.
 */
export const openDataDirEventStore = async (dataDir: string, store?: StoreConfig, env: NodeJS.ProcessEnv = process.env): Promise<EventStore> => {
  if (store?.type === 'memory') throw new Error('the configuration\'s store is "memory": its events were never kept, there is nothing to read')
  if (store?.type === 'esdb') return openEsdbEventStore(store.url)
  const url = store ? undefined : env['KMS_EVENT_STORE']
  if (url) return openEventStoreByUrl(url)
  const path = (store?.type === 'sqlite' ? store.path : undefined) ?? dataDirLayout(dataDir).events
  if (!existsSync(dataDir) && !store) throw new OperatorError('DataDir.Missing', `no data dir at ${dataDir}`, 'Give the --data-dir (or --config, or KMS_DATA_DIR) of a keyledger server', EXIT.dataDir)
  if (!existsSync(path)) throw new OperatorError('DataDir.FileMissing', `no event store at ${path}`, 'Give the --data-dir (or KMS_DATA_DIR) or --config of a keyledger server', EXIT.dataDir)
  return SqliteEventStore.open(path)
}
