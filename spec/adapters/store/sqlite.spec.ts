import * as assert from 'uvu/assert'
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
        // Really closed: the old handle answers nothing more (a reopen that kept it open would prove nothing).
        const closed = store
        assert.ok(await closed.readAll().then(() => false, () => true), 'the closed store still answers')
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
