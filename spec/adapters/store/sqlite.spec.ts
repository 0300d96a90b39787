import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'
import { eventStoreContract } from './contract.ts'

eventStoreContract('sqlite', async () => {
  const { path, remove } = tempStoreFile()
  let store = await SqliteEventStore.open(path)
  return {
    get store() {
      return store
    },
    reopen: async () => {
      await store.close()
      store = await SqliteEventStore.open(path)
      return store
    },
    cleanup: async () => {
      await store.close()
      remove()
    },
  }
})
