import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { SqliteEventStore } from './sqlite/index.ts'
import { openEventStoreByUrl } from './select.ts'
import { openEsdbEventStore } from './esdb/index.ts'
import type { StoreConfig } from '../../composition/config.ts'

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
  const path = (store?.type === 'sqlite' ? store.path : undefined) ?? join(dataDir, 'events.sqlite')
  if (!existsSync(path)) throw new Error(`no event store at ${path}: give --data-dir (or KMS_DATA_DIR) or --config of a keyledger server`)
  return SqliteEventStore.open(path)
}
