import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { eventStoreContract } from './contract.ts'

eventStoreContract('memory', async () => {
  const store = new MemoryEventStore()
  return { store, cleanup: () => store.close() }
})
