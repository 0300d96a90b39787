// Append and read throughput through the EventStoreDB adapter, as a ratio to the bare client in the same run:
// same in-process double, same event count. `npx tsx scripts/bench/esdb.ts [events]` (default 1000).
// The adapter's append costs a stream read first (hash chain, expected revision): expect about half the bare rate.
import { EventStoreDBClient, FORWARDS, jsonEvent, NO_STREAM } from '@eventstore/db-client'
import { randomUUID } from 'node:crypto'
import { openEsdbEventStore } from '../../adapters/store/esdb/index.ts'
import { startEsdbDouble } from '../../spec/support/esdb-double/index.ts'
import { newEvent } from '../../spec/support/esdb-targets.ts'
import { emitRows } from './lib/results.ts'

const count = Number(process.argv[2] ?? 1000)
const double = await startEsdbDouble()
const client = EventStoreDBClient.connectionString(double.connectionString)
const store = await openEsdbEventStore(double.connectionString)

const timed = async (label: string, op: () => Promise<void>): Promise<number> => {
  const t0 = performance.now()
  await op()
  const rate = count / ((performance.now() - t0) / 1000)
  console.log(`${label.padEnd(46)} ${rate.toFixed(0).padStart(8)} events/s`)
  return rate
}

const rows: Array<[string, number, number]> = []
const pair = async (what: string, bare: () => Promise<void>, adapter: () => Promise<void>) => {
  const b = await timed(`bare client: ${what}`, bare)
  const a = await timed(`adapter:     ${what}`, adapter)
  rows.push([what, b, a])
}

const bareStream = `keyusage-bare${randomUUID().slice(0, 8)}`
const adapterStream = `keyusage-adapter${randomUUID().slice(0, 8)}`
const metadata = newEvent('x').metadata

await pair('append 1 event to a new stream (no_stream)', async () => {
  for (let i = 0; i < count; i++) await client.appendToStream(`key-b${i}`, [jsonEvent({ type: 'KeyCreated', data: { i }, metadata })], { expectedRevision: NO_STREAM })
}, async () => {
  for (let i = 0; i < count; i++) await store.append(`key-a${i}`, 'no_stream', [newEvent('KeyCreated', { i })])
})
await pair('append 1 event to one stream (exact revision)', async () => {
  for (let i = 0; i < count; i++) await client.appendToStream(bareStream, [jsonEvent({ type: 'ActionInvoked', data: { i }, metadata })], { expectedRevision: i === 0 ? NO_STREAM : BigInt(i - 1) })
}, async () => {
  for (let i = 0; i < count; i++) await store.append(adapterStream, i === 0 ? 'no_stream' : i - 1, [newEvent('ActionInvoked', { i })])
})
await pair(`read one stream of ${count} events`, async () => {
  let n = 0
  for await (const _ of client.readStream(bareStream)) n++
  if (n !== count) throw new Error(`read ${n}`)
}, async () => {
  const n = (await store.readStream(adapterStream)).length
  if (n !== count) throw new Error(`read ${n}`)
})
await pair(`read $all (${count} events, from a position)`, async () => {
  let n = 0
  const from = double.log.stream(bareStream)![0]!.position
  for await (const _ of client.readAll({ fromPosition: { commit: from, prepare: from }, direction: FORWARDS, maxCount: count })) n++
  if (n !== count) throw new Error(`read ${n}`)
}, async () => {
  const after = Number(double.log.stream(adapterStream)![0]!.position) - 1
  const n = (await store.readAll({ after, limit: count })).length
  if (n !== count) throw new Error(`read ${n}`)
})

console.log('\nadapter / bare client (same double, same count):')
for (const [what, b, a] of rows) console.log(`  ${what.padEnd(46)} ${(a / b).toFixed(2)}`)
await emitRows(rows.map(([what, b, a]) => ({
  section: 'esdb', name: `EventStoreDB adapter: ${what}`, unit: 'events/s', target: null, ratio: a / b,
  subject: { label: 'adapter', perSec: a, p50Ms: null, p99Ms: null }, baseline: { label: 'bare client (double)', perSec: b, p50Ms: null, p99Ms: null },
})))
await store.close()
await client.dispose()
await double.stop()
