import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { SqliteEventStore } from './sqlite/index.ts'
import { openEventStoreByUrl } from './select.ts'

/**
 * Opens the event store the CLI reports on: `KMS_EVENT_STORE` (a `sqlite:` path or an `esdb://` URL) when set,
 * else the data directory's `events.sqlite`, which must exist: reporting on an empty new store would say
 * "nothing wrong" about a store that was never read.
 */
export const openDataDirEventStore = async (dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<EventStore> => {
  const url = env['KMS_EVENT_STORE']
  if (url) return openEventStoreByUrl(url)
  const path = join(dataDir, 'events.sqlite')
  if (!existsSync(path)) throw new Error(`no event store at ${path}: give --data-dir (or KMS_DATA_DIR) of a keyledger server`)
  return SqliteEventStore.open(path)
}
