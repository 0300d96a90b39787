import { join } from 'node:path'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { StoreConfig } from './config.ts'
import { openEsdbEventStore } from '../adapters/store/esdb/index.ts'
import { MemoryEventStore } from '../adapters/store/memory.ts'
import { SqliteEventStore } from '../adapters/store/sqlite/index.ts'

/** Opens the event store the configuration names (DESIGN §8). */
export const openEventStore = async (config: StoreConfig, dataDir: string): Promise<EventStore> => {
  switch (config.type) {
    case 'memory':
      return new MemoryEventStore()
    case 'sqlite': {
      const path = config.path ?? join(dataDir, 'events.sqlite')
      return SqliteEventStore.open(path)
    }
    case 'esdb':
      return openEsdbEventStore(config.url)
  }
}
