// The shared EventStore contract (spec/adapters/store/contract.ts) run against the ESDB adapter on the double, and
// on a real server when ESDB_CONNECTION_STRING is set.
import type { EventStore } from '../../../../domain/ports/event-store.ts'
import { openEsdbEventStore } from '../../../../adapters/store/esdb/index.ts'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { FAST_BACKOFF, realConnectionString } from '../../../support/esdb-targets.ts'
import { eventStoreContract } from '../contract.ts'

eventStoreContract('esdb (double)', async () => {
  const double = await startEsdbDouble()
  const opened: EventStore[] = []
  const open = async () => {
    const s = await openEsdbEventStore(double.connectionString, { backoff: FAST_BACKOFF })
    opened.push(s)
    return s
  }
  return {
    store: await open(),
    reopen: open,
    cleanup: async () => {
      await Promise.allSettled(opened.map((s) => s.close()))
      await double.stop()
    },
  }
})

const real = realConnectionString
if (real) {
  // A real server keeps data between runs, and the contract expects an empty store (fixed stream names, `readAll()`
  // from the start, headPosition 0): run it against a fresh server (`--mem-db`).
  eventStoreContract('esdb (real server)', async () => {
    const opened: EventStore[] = []
    const open = async () => {
      const s = await openEsdbEventStore(real, { backoff: FAST_BACKOFF })
      opened.push(s)
      return s
    }
    return { store: await open(), reopen: open, cleanup: async () => { await Promise.allSettled(opened.map((s) => s.close())) } }
  })
}
