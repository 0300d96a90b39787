import type { EventStore } from '../../domain/ports/event-store.ts'

/**
 * Opens the event store of a data directory. The SQLite store (`adapters/store/sqlite/`, branch `store`) is
 * not in this tree yet; once it is, this becomes:
 *   `return SqliteEventStore.open(join(dataDir, 'events.sqlite'))`
 * Until then the CLI refuses rather than open an empty memory store and report on nothing.
 */
export const openEventStore = async (dataDir: string): Promise<EventStore> => {
  throw new Error(`no persistent event store adapter is wired in this build (data dir ${dataDir}); see adapters/store/open.ts`)
}
