// What keeping the audit tree costs an append (docs/verifiable-log.md "Cost"). In the same run, on the same disk,
// in many short slices that alternate the modes, so that someone else's I/O or CPU burst slows neighbouring
// slices alike; each ratio is the median of the per-round ratios (a shared machine makes means meaningless):
//   - baseline: raw better-sqlite3, one event row per transaction, WAL, synchronous=FULL (no tree);
//   - baseline + tree: the same transaction also adds the leaf and its complete subtrees (SqliteMerkleTree);
//   - the same two with 100 rows per transaction, where fsync weighs less and the hashing shows more;
//   - SqliteEventStore at concurrency 1 and 64, with the tree and with its tree append switched off (reached
//     into here, in the benchmark only: the store has no such option), so that the tree's cost to the real
//     write path is an A/B of the same code in the same run.
//   npx tsx scripts/bench/audit-tree.ts [seconds per mode per round, default 0.25] [rounds, default 12]
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewEvent } from '../../domain/kernel/envelope.ts'
import { SqliteEventStore } from '../../adapters/store/sqlite/index.ts'
import { SqliteMerkleTree } from '../../adapters/audit/sqlite-tree.ts'
import { emitRows } from './lib/results.ts'

const seconds = Number(process.argv[2] ?? 0.25)
const rounds = Number(process.argv[3] ?? 12)
const dir = mkdtempSync(join(tmpdir(), 'keyledger-bench-tree-'))

const event = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'DescriptionUpdated',
  data: { keyId: 'key-' + randomUUID().slice(0, 8), description: 'benchmark key used for the audit tree measurement' },
  metadata: { principal: 'acs:ram::1234567890123456:root', requestId: randomUUID(), occurredAt: new Date().toISOString(), correlationId: 'bench', causationId: 'bench' },
})

const raw = (name: string, withTree: boolean, perTx: number): number => {
  const db = new Database(join(dir, `${name}.db`))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, stream_revision)) STRICT`)
  SqliteMerkleTree.ensureTables(db)
  const tree = new SqliteMerkleTree(db)
  const insert = db.prepare('INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
  let n = 0
  const batch = db.transaction(() => {
    for (let i = 0; i < perTx; i++) {
      const e = event()
      const hash = randomUUID().replace(/-/g, '').repeat(2)
      const position = Number(insert.run(`key-${n % 1000}`, Math.floor(n / 1000), e.eventId, e.type, JSON.stringify(e.data),
        JSON.stringify({ ...e.metadata, prevHash: '0'.repeat(64), hash })).lastInsertRowid)
      if (withTree) tree.append([{ position, streamId: `key-${n % 1000}`, revision: Math.floor(n / 1000), hash }])
      n++
    }
  })
  const end = Date.now() + seconds * 1000
  while (Date.now() < end) batch()
  db.close()
  return n
}

const store = async (concurrency: number, round: number, withTree = true): Promise<number> => {
  const s = await SqliteEventStore.open(join(dir, `store-${concurrency}-${round}-${withTree}.db`))
  if (!withTree) (s as unknown as { st: { tree: { append: () => void } } }).st.tree.append = () => undefined
  let n = 0
  const end = Date.now() + seconds * 1000
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    for (let i = w; Date.now() < end; i += concurrency) {
      await s.append(`key-${i % 1000}`, 'any', [event()])
      n++
    }
  }))
  await s.close()
  return n
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

try {
  const modes = {
    base: (r: number) => raw(`base-${r}`, false, 1),
    tree: (r: number) => raw(`tree-${r}`, true, 1),
    base100: (r: number) => raw(`base100-${r}`, false, 100),
    tree100: (r: number) => raw(`tree100-${r}`, true, 100),
    store1: (r: number) => store(1, r),
    store1NoTree: (r: number) => store(1, r, false),
    store64: (r: number) => store(64, r),
    store64NoTree: (r: number) => store(64, r, false),
  }
  const runs: Record<keyof typeof modes, number[]> = { base: [], tree: [], base100: [], tree100: [], store1: [], store1NoTree: [], store64: [], store64NoTree: [] }
  for (let r = 0; r < rounds; r++) {
    // alternate which of a pair goes first, so neither always gets the warmer disk cache
    const order: Array<keyof typeof modes> = (r % 2
      ? ['tree', 'base', 'tree100', 'base100', 'store1', 'store1NoTree', 'store64', 'store64NoTree']
      : ['base', 'tree', 'base100', 'tree100', 'store1NoTree', 'store1', 'store64NoTree', 'store64'])
    for (const m of order) runs[m].push(await modes[m](r))
  }
  const rate = (xs: number[]) => Math.round(median(xs) / seconds)
  const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!)).toFixed(2)
  const row = (name: string, subject: number[], baseline: number[], labels: [string, string]) => ({
    section: 'audit-tree', name, unit: 'appends/s', target: '≥ 0.9', ratio: Number(ratio(subject, baseline)),
    subject: { label: labels[0], perSec: rate(subject), p50Ms: null, p99Ms: null },
    baseline: { label: labels[1], perSec: rate(baseline), p50Ms: null, p99Ms: null },
  })
  await emitRows([
    row('raw insert + audit tree, 1 row/tx', runs.tree, runs.base, ['with tree', 'better-sqlite3 1 row/tx']),
    row('SQLite store with vs without the tree, 1 appender', runs.store1, runs.store1NoTree, ['with tree', 'tree append off']),
    row('SQLite store with vs without the tree, 64 appenders', runs.store64, runs.store64NoTree, ['with tree', 'tree append off']),
  ])
  console.log(`${rounds} rounds of ${seconds} s per mode; rates and ratios are medians over the rounds`)
  console.log(`baseline (raw, 1 row/tx, synchronous=FULL):      ${rate(runs.base)} appends/s`)
  console.log(`baseline + audit tree (1 row/tx):                ${rate(runs.tree)} appends/s  ratio ${ratio(runs.tree, runs.base)}`)
  console.log(`baseline (raw, 100 rows/tx):                     ${rate(runs.base100)} appends/s`)
  console.log(`baseline + audit tree (100 rows/tx):             ${rate(runs.tree100)} appends/s  ratio ${ratio(runs.tree100, runs.base100)}`)
  console.log(`SqliteEventStore without tree, concurrency 1:    ${rate(runs.store1NoTree)} appends/s`)
  console.log(`SqliteEventStore with tree, concurrency 1:       ${rate(runs.store1)} appends/s  ratio ${ratio(runs.store1, runs.store1NoTree)}`)
  console.log(`SqliteEventStore without tree, concurrency 64:   ${rate(runs.store64NoTree)} appends/s`)
  console.log(`SqliteEventStore with tree, concurrency 64:      ${rate(runs.store64)} appends/s  ratio ${ratio(runs.store64, runs.store64NoTree)}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
