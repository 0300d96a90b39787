// An audit record's round trip through the SQLite event store alone (issue 11, branch perf-feed): 32 appenders of
// one ActionInvoked-shaped event each, onto 4 usage streams, with a live-feed subscriber (as the read models'
// runner) and the stream cache on, as the server has them; the file on /dev/shm, so fsync costs next to nothing
// and what is measured is the CPU of the path (main thread + writer thread, process.cpuUsage) per event.
//   ROOT=<checkout> taskset -c 0 npx tsx scripts/bench/probe/store-roundtrip.ts [events=10000]
// Alternate ROOT between two checkouts (main and a branch) for an A/B in one run; prints one JSON line.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { SqliteEventStore as Store } from '../../../adapters/store/sqlite/index.ts'

const root = process.env.ROOT ?? join(import.meta.dirname, '../../..')
const { SqliteEventStore } = (await import(join(root, 'adapters/store/sqlite/index.ts'))) as { SqliteEventStore: typeof Store }
const n = Number(process.argv[2] ?? 10_000)
const dir = mkdtempSync('/dev/shm/kl-roundtrip-')
const store = await SqliteEventStore.open(join(dir, 'events.db'), { cacheStreams: true })
let seen = 0
const sub = store.subscribeAll({}, () => {
  seen++
})
const metadata = () => ({
  principal: 'acs:ram::1234567890123456:root', requestId: randomUUID(), occurredAt: new Date().toISOString(),
  correlationId: randomUUID(), causationId: randomUUID(), sourceIp: '127.0.0.1', userAgent: 'probe/1', schemaVersion: 1,
})
const data = () => ({
  keyId: 'key-nfp8wzydfpmjttnjytbg0ajz', action: 'Encrypt', outcome: 'allowed', accountId: '1234567890123456',
  principal: 'acs:ram::1234567890123456:root', sourceIp: '127.0.0.1', service: 'kms', at: new Date().toISOString(),
})
let appended = 0
const appender = async (): Promise<void> => {
  while (appended < n) {
    appended++
    await store.append(`keyusage-key-${appended % 4}`, 'any', [{ eventId: randomUUID(), type: 'ActionInvoked', data: data(), metadata: metadata() }])
  }
}
await Promise.all(Array.from({ length: 8 }, appender)) // warm-up
appended = 0
seen = 0
const cpu0 = process.cpuUsage()
const t0 = performance.now()
await Promise.all(Array.from({ length: 32 }, appender))
while (seen < n) await new Promise((r) => setTimeout(r, 1))
const cpu = process.cpuUsage(cpu0)
const wall = performance.now() - t0
console.log(JSON.stringify({ cpuUsPerEvent: Number(((cpu.user + cpu.system) / n).toFixed(2)), eventsPerSec: Math.round((n / wall) * 1000) }))
await sub.stop()
await store.close()
rmSync(dir, { recursive: true, force: true })
