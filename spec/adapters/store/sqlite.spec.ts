import * as assert from 'uvu/assert'
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
      // Really closed: the old handle answers nothing more (a reopen that kept it open would prove nothing).
      const closed = store
      assert.ok(await closed.readAll().then(() => false, () => true), 'the closed store still answers')
      store = await SqliteEventStore.open(path)
      return store
    },
    cleanup: async () => {
      await store.close()
      remove()
    },
  }
})
