import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { eventStoreContract } from './contract.ts'

eventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-store-'))
  const path = join(dir, 'events.db')
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
      rmSync(dir, { recursive: true, force: true })
    },
  }
})
