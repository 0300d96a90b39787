import { join } from 'node:path'
import type { EventStore } from '../../domain/ports/event-store.ts'
import type { StoreConfig } from '../config.ts'
import { MemoryEventStore } from './memory.ts'

/** Opens the event store the configuration names (DESIGN §8). */
export const openEventStore = async (config: StoreConfig, dataDir: string): Promise<EventStore> => {
  switch (config.type) {
    case 'memory':
      return new MemoryEventStore()
    case 'sqlite': {
      const path = config.path ?? join(dataDir, 'events.sqlite')
      // LEAD: the SQLite store lives on branch `store`; once merged, replace the next line with
      //   return (await import('./sqlite/index.ts')).SqliteEventStore.open(path)
      throw new Error(`the SQLite event store (${path}) is not part of this build yet; use {"store":{"type":"memory"}}`)
    }
  }
}
