// One scheduler process for spec/adapters/scheduler/two-process.spec.ts: opens the shared SQLite event store,
// runs startScheduler with real timers for the time given, then stops. Never run as a spec.
// argv: <sqlite path> <data dir> <stop at, epoch ms> <node name>
import pino from 'pino'
import { SqliteEventStore } from '../../adapters/store/sqlite/index.ts'
import { startScheduler } from '../../composition/scheduler.ts'
import { randomIds } from '../../adapters/ids.ts'


const [path, dataDir, stopAt, node] = process.argv.slice(2) as [string, string, string, string]
const store = await SqliteEventStore.open(path)
const log = pino({ level: 'info', base: { node } })
const started = await startScheduler({
  store, ids: randomIds, log, dataDir, rotationUnit: 'second',
  schedules: { rotateDueKeys: '* * * * * *', deleteExpiredPendingKeys: '* * * * * *', expireImportedMaterial: '* * * * * *' },
})
if (started._tag === 'Left') throw new Error(started.left.message)
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(stopAt) - Date.now())))
await started.right.stop()
await store.close()
