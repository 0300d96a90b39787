// Appends/s of the SQLite event store at concurrency 1, 8 and 64, as ratios to a baseline measured in the same
// run on the same disk: raw better-sqlite3, one single-row INSERT per transaction, WAL, synchronous=FULL. The
// ratio, not the absolute number, is what carries from one machine to another (fsync cost varies widely).
// The disk is shared (CI, other processes), so the modes are interleaved in rounds: a burst of someone else's
// I/O then slows the baseline and the store alike instead of skewing one ratio.
//   npx tsx scripts/bench/event-store.ts [seconds per mode per round, default 1] [rounds, default 3]
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewEvent } from '../../domain/kernel/envelope.ts'
import { SqliteEventStore } from '../../adapters/store/sqlite/index.ts'
import { emitRows } from './lib/results.ts'

const seconds = Number(process.argv[2] ?? 1)
const rounds = Number(process.argv[3] ?? 3)
const STREAMS = 1000
const dir = mkdtempSync(join(tmpdir(), 'keyledger-bench-'))

// About the size of a real lifecycle event (~300 B row).
const event = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'DescriptionUpdated',
  data: { keyId: 'key-' + randomUUID().slice(0, 8), description: 'benchmark key used for the group commit measurement' },
  metadata: { principal: 'acs:ram::1234567890123456:root', requestId: randomUUID(), occurredAt: new Date().toISOString(), correlationId: 'bench', causationId: 'bench' },
})

const baseline = (round: number): number => {
  const db = new Database(join(dir, `baseline-${round}.db`))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, stream_revision)) STRICT`)
  const insert = db.prepare('INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
  const insertOne = db.transaction((s: string, r: number, e: NewEvent) =>
    insert.run(s, r, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify({ ...e.metadata, prevHash: '0'.repeat(64), hash: '1'.repeat(64) })))
  const revisions = new Array<number>(STREAMS).fill(0)
  let n = 0
  const end = Date.now() + seconds * 1000
  while (Date.now() < end) {
    const s = n % STREAMS
    insertOne(`key-${s}`, revisions[s]!++, event())
    n++
  }
  db.close()
  return n
}

const store = async (concurrency: number, round: number): Promise<{ appends: number; transactions: number }> => {
  const s = await SqliteEventStore.open(join(dir, `store-${concurrency}-${round}.db`))
  let n = 0
  const end = Date.now() + seconds * 1000
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    for (let i = w; Date.now() < end; i += concurrency) {
      await s.append(`key-${i % STREAMS}`, 'any', [event()])
      n++
    }
  }))
  const stats = s.commitStats()
  await s.close()
  return { appends: n, transactions: stats.transactions }
}

const CONCURRENCY = [1, 8, 64]
try {
  let base = 0
  const totals = new Map(CONCURRENCY.map((c) => [c, { appends: 0, transactions: 0 }]))
  for (let round = 0; round < rounds; round++) {
    base += baseline(round)
    for (const c of CONCURRENCY) {
      const r = await store(c, round)
      const t = totals.get(c)!
      t.appends += r.appends
      t.transactions += r.transactions
    }
  }
  const rate = (n: number): number => n / (seconds * rounds)
  console.log(`baseline (raw better-sqlite3, 1 row/tx, synchronous=FULL): ${Math.round(rate(base))} appends/s`)
  await emitRows([...totals].map(([c, t]) => ({
    section: 'event-store', name: `SQLite store appends, ${c} appender${c > 1 ? 's' : ''} (${(t.appends / t.transactions).toFixed(1)}/transaction)`, unit: 'appends/s',
    target: null, ratio: t.appends / base, subject: { label: 'SqliteEventStore', perSec: rate(t.appends), p50Ms: null, p99Ms: null },
    baseline: { label: 'better-sqlite3 1 row/tx', perSec: rate(base), p50Ms: null, p99Ms: null },
  })))
  for (const [c, t] of totals)
    console.log(`SqliteEventStore concurrency ${String(c).padStart(2)}: ${String(Math.round(rate(t.appends))).padStart(6)} appends/s  ` +
      `ratio ${(t.appends / base).toFixed(2)}  (${(t.appends / t.transactions).toFixed(1)} appends/transaction)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
