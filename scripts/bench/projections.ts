// Projection benchmark: builds many keys and ActionInvoked events into a file-backed SQLite read store (WAL,
// synchronous=FULL, batched transactions) and shows that DescribeKey-like lookups, last-call and association
// queries cost the same at small and large volume (every one is a primary-key or index lookup).
//
//   npx tsx scripts/bench/projections.ts                 # 10,000 keys, 100,000 events
//   npx tsx scripts/bench/projections.ts --full          # 100,000 keys, 1,000,000 events (the size)
//   npx tsx scripts/bench/projections.ts --keys 20000 --events 300000 --queries 5000 --rounds 5 --cache-mib 256
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { planBatch } from '../../projections/runner.ts'
import { allViews } from '../../projections/views/index.ts'
import { SqliteReadStore } from '../../adapters/readstore/sqlite.ts'
import { SqliteKeyCatalogueQuery } from '../../adapters/readstore/key-catalogue-query.ts'
import { SqliteKeyUsageQuery } from '../../adapters/readstore/key-usage-query.ts'
import { emitRows } from './lib/results.ts'

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const full = process.argv.includes('--full')
const KEYS = arg('keys', full ? 100_000 : 10_000)
const EVENTS = arg('events', full ? 1_000_000 : 100_000)
const QUERIES = arg('queries', 3000)
const BATCH = arg('batch', 5000)
const CACHE_MIB = arg('cache-mib', 64)
const SMALL = 0.01 // the "small volume" point: 1 % of keys and events

const T0 = Date.parse('2026-01-01T00:00:00.000Z')
const meta = (ms: number) => ({
  principal: 'acs:ram::1234567890123456:role/ecs', requestId: 'r', occurredAt: new Date(ms).toISOString(),
  correlationId: 'r', causationId: 'r', prevHash: '0'.repeat(64), hash: '1'.repeat(64),
})
const keyId = (i: number) => `key-bench${String(i).padStart(15, '0')}`
let position = 0
let rnd = 42
const random = () => ((rnd = (rnd * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)

const created = (i: number): RecordedEvent => ({
  streamId: `key-${keyId(i)}`, revision: 0, position: ++position, eventId: `c${i}`, type: 'KeyCreated', metadata: meta(T0 + i),
  data: {
    keyId: keyId(i), accountId: '1234567890123456', region: 'cn-hangzhou', arn: `acs:kms:cn-hangzhou:1234567890123456:key/${keyId(i)}`,
    kind: 'software', instanceId: 'kst-bench', externalKeyId: null, spec: 'Aliyun_AES_256', usage: 'ENCRYPT/DECRYPT', origin: 'Aliyun_KMS',
    protectionLevel: 'SOFTWARE', description: '', creator: '1234567890123456', createdAt: new Date(T0 + i).toISOString(),
    initialVersionId: `v${i}`, rotation: { enabled: true, intervalSeconds: 31_536_000 }, policy: '',
  },
})
const revisions = new Map<number, number>()
const called = (keys: number, n: number): RecordedEvent => {
  const k = Math.floor(random() * keys)
  const rev = revisions.get(k) ?? 0
  revisions.set(k, rev + 1)
  const at = new Date(T0 + 86_400_000 + n * 1000).toISOString()
  return {
    streamId: `keyusage-${keyId(k)}`, revision: rev, position: ++position, eventId: `u${n}`, type: 'ActionInvoked', metadata: meta(Date.parse(at)),
    data: {
      keyId: keyId(k), versionId: `v${k}`, action: 'kms:Decrypt', outcome: 'allowed', errorCode: null,
      callerService: ['ecs', 'oss', 'rds'][n % 3], callerResource: `disk/d-${n % 50}`, requestId: `r${n}`, at,
    },
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'))

/** One read store filled with `keys` keys and `events` calls, and its queries. */
const build = (name: string, keys: number, events: number) => {
  const path = join(dir, `${name}.sqlite`)
  const rs = SqliteReadStore.open(path, { cacheMiB: CACHE_MIB })
  for (const v of allViews) rs.install(v)
  position = 0
  revisions.clear()
  const started = performance.now()
  let batch: RecordedEvent[] = []
  const flush = () => {
    rs.apply(planBatch(allViews, rs.checkpoints(), batch))
    batch = []
  }
  for (let i = 0; i < keys; i++) {
    batch.push(created(i))
    if (batch.length >= BATCH) flush()
  }
  for (let n = 0; n < events; n++) {
    batch.push(called(keys, n))
    if (batch.length >= BATCH) flush()
  }
  flush()
  const ms = performance.now() - started
  return { rs, path, keys, events, ms, catalogue: new SqliteKeyCatalogueQuery(rs), usage: new SqliteKeyUsageQuery(rs) }
}
type Built = ReturnType<typeof build>

const measure = async (b: Built) => {
  const now = new Date(T0 + 86_400_000 + b.events * 1000 + 60_000)
  const time = async (f: (k: string) => Promise<unknown>) => {
    const started = performance.now()
    for (let i = 0; i < QUERIES; i++) await f(keyId(Math.floor(random() * b.keys)))
    return ((performance.now() - started) * 1000) / QUERIES // µs per query
  }
  return {
    describeKey: await time((k) => b.catalogue.describeKey(k)),
    lastCall: await time((k) => b.usage.getKeyLastCallTime(k, now)),
    associations: await time((k) => b.usage.describeKeyAssociations(k, now)),
  }
}

const small = build('small', Math.max(1, Math.round(KEYS * SMALL)), Math.round(EVENTS * SMALL))
const medium = build('medium', Math.max(1, Math.round(KEYS * SMALL * 10)), Math.round(EVENTS * SMALL * 10))
const large = build('large', KEYS, EVENTS)
// The machine is noisy (30–70 % between runs: docs/architecture.md §8): alternate small and large rounds, keep medians.
const ROUNDS = arg('rounds', 5)
type Sample = Awaited<ReturnType<typeof measure>>
const samples = { small: [] as Sample[], medium: [] as Sample[], large: [] as Sample[] }
await measure(small)
await measure(medium)
await measure(large)
for (let r = 0; r < ROUNDS; r++) {
  samples.small.push(await measure(small))
  samples.medium.push(await measure(medium))
  samples.large.push(await measure(large))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => n.toFixed(1).padStart(8)
const totalEvents = large.keys + large.events
console.log(`read store: ${(statSync(large.path).size / 1e6).toFixed(0)} MB, WAL, synchronous=FULL, ${BATCH} events/transaction, cache ${CACHE_MIB} MiB`)
console.log(`ingest: ${totalEvents} events (${large.keys} KeyCreated + ${large.events} ActionInvoked) in ${(large.ms / 1000).toFixed(1)} s = ${Math.round(totalEvents / (large.ms / 1000))} events/s`)
console.log(`query µs, median of ${ROUNDS} rounds × ${QUERIES} random keys; small ${small.keys} keys/${small.events} calls, medium ${medium.keys}/${medium.events}, large ${large.keys}/${large.events}`)
console.log(`${''.padEnd(14)} ${'small'.padStart(8)} ${'medium'.padStart(8)} ${'large'.padStart(8)} ${'l/s'.padStart(8)} ${'l/m'.padStart(8)}`)
const emitted: Parameters<typeof emitRows>[0][number][] = []
for (const k of ['describeKey', 'lastCall', 'associations'] as const) {
  const s = median(samples.small.map((x) => x[k]))
  const m = median(samples.medium.map((x) => x[k]))
  const l = median(samples.large.map((x) => x[k]))
  emitted.push({
    section: 'projections', name: `read model ${k}: ${large.keys.toLocaleString('en')} keys / ${large.events.toLocaleString('en')} calls vs 1 %`, unit: 'queries/s', target: null,
    ratio: s / l, subject: { label: 'large', perSec: 1e6 / l, p50Ms: null, p99Ms: null }, baseline: { label: 'small (1 %)', perSec: 1e6 / s, p50Ms: null, p99Ms: null },
  })
  console.log(`${k.padEnd(14)} ${fmt(s)} ${fmt(m)} ${fmt(l)} ${(l / s).toFixed(2).padStart(8)} ${(l / m).toFixed(2).padStart(8)}`)
}
await emitRows(emitted)
small.rs.close()
medium.rs.close()
large.rs.close()
rmSync(dir, { recursive: true, force: true })
