import { join } from 'node:path'
import type { EventStore } from '../../domain/ports/event-store.ts'

/** What every CLI command receives: how to open the data directory's stores, where to write, and the clock. */
export interface CliContext {
  readonly openEventStore: (dataDir: string) => Promise<EventStore>
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly now: () => Date
  /** Draw progress bars (off in specs and when stderr is not a terminal). */
  readonly progress: boolean
}

export const defaultDataDir = (): string => process.env.KMS_DATA_DIR ?? './data'

/** The read store's own file in the data directory (DESIGN §6: separate from the event store's). */
export const readStorePath = (dataDir: string): string => join(dataDir, 'readstore.sqlite')

/** Opens the store, runs `f`, and closes the store whatever happens. */
export const withStore = async <T>(ctx: CliContext, dataDir: string, f: (store: EventStore) => Promise<T>): Promise<T> => {
  const store = await ctx.openEventStore(dataDir)
  try {
    return await f(store)
  } finally {
    await store.close()
  }
}
