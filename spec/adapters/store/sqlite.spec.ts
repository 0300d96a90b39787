import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'
import { eventStoreContract } from './contract.ts'

// The contract twice: as tools open the store, and as the server does (whole streams cached while unchanged).
for (const cacheStreams of [false, true]) {
  eventStoreContract(cacheStreams ? 'sqlite (server: stream cache)' : 'sqlite', async () => {
    const { path, remove } = tempStoreFile()
    let store = await SqliteEventStore.open(path, { cacheStreams })
    return {
      get store() {
        return store
      },
      reopen: async () => {
        await store.close()
        store = await SqliteEventStore.open(path, { cacheStreams })
        return store
      },
      cleanup: async () => {
        await store.close()
        remove()
      },
    }
  })
}
