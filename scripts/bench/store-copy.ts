// `keyledger store copy` throughput: a SQLite store filled by the real KeyService (key-, alias-, keyusage-
// streams, ~7 events per key) copied to EventStoreDB (the in-process double, through the real client) and back
// to a second SQLite file. `npx tsx scripts/bench/store-copy.ts [keys]` (default 200).
import { copyEventStore } from '../../adapters/store/copy.ts'
import { openEsdbEventStore } from '../../adapters/store/esdb/index.ts'
import { SqliteEventStore } from '../../adapters/store/sqlite/index.ts'
import { startEsdbDouble } from '../../spec/support/esdb-double/index.ts'
import { populateKeys } from '../../spec/support/key-population.ts'
import { tempStoreFile } from '../../spec/support/temp-sqlite.ts'
import { emitRows } from './lib/results.ts'

const keys = Number(process.argv[2] ?? 200)
const [a, b] = [tempStoreFile(), tempStoreFile()]
const double = await startEsdbDouble()
const source = await SqliteEventStore.open(a.path)
const esdb = await openEsdbEventStore(double.connectionString)
const back = await SqliteEventStore.open(b.path)
const copies: Parameters<typeof emitRows>[0][number][] = []
try {
  await populateKeys(source, keys)
  for (const [label, from, to] of [['SQLite → ESDB (double)', source, esdb], ['ESDB (double) → SQLite', esdb, back]] as const) {
    const t0 = performance.now()
    const r = await copyEventStore(from, to)
    const total = (performance.now() - t0) / 1000
    copies.push({
      section: 'store-copy', name: `store copy ${label}, ${r.written} events`, unit: 'events/s', target: null, ratio: null,
      subject: { label: 'copy phase', perSec: r.eventsPerSecond, p50Ms: null, p99Ms: null }, baseline: null,
    })
    console.log(`${label.padEnd(24)} ${r.written} events, ${r.streams} streams: copy ${r.seconds.toFixed(2)} s (${Math.round(r.eventsPerSecond)} events/s), plan + copy + check ${total.toFixed(2)} s`)
  }
  await emitRows(copies)
} finally {
  await Promise.allSettled([source.close(), esdb.close(), back.close()])
  await double.stop()
  a.remove()
  b.remove()
}
