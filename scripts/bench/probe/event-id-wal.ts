// event-id-wal.ts: what random (v4) against time-ordered (v7) event ids cost a commit on a big events.sqlite
// (README "Performance", the flat-cost bullet). Inserts raw rows into a THROWAWAY copy of a data dir's
// events.sqlite (e.g. one kept by `npm run bench -- flat --history 1000000 --keep`), alternating the two kinds of
// id, B rows per transaction, synchronous=FULL, and prints the WAL bytes and the time per commit.
//   npx tsx scripts/bench/probe/event-id-wal.ts <events.sqlite> [rows per transaction, default 32]
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { statSync } from 'node:fs'
import { timeOrderedUuid } from '../../../adapters/ids.ts'

const path = process.argv[2]!
const perTx = Number(process.argv[3] ?? 32)
const db = new Database(path)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('wal_autocheckpoint = 0') // the WAL's growth is the measure
db.pragma('wal_checkpoint(TRUNCATE)')
const insert = db.prepare('INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
const data = JSON.stringify({ keyId: 'probe', pad: 'y'.repeat(600) })
const metadata = JSON.stringify({ pad: 'z'.repeat(400) })
const commits = 60

const run = (kind: 'v4' | 'v7', from: number) => {
  const tx = db.transaction((start: number) => {
    for (let i = 0; i < perTx; i++) insert.run(`probe-${kind}-${process.pid}`, start + i, kind === 'v4' ? randomUUID() : timeOrderedUuid(), 'Probe', data, metadata)
  })
  const wal0 = statSync(`${path}-wal`).size
  const t0 = performance.now()
  for (let c = 0; c < commits; c++) tx(from + c * perTx)
  return { kind, perTx, walKiBPerCommit: (statSync(`${path}-wal`).size - wal0) / commits / 1024, msPerCommit: (performance.now() - t0) / commits }
}

for (let round = 0; round < 3; round++) for (const kind of ['v4', 'v7'] as const) console.log(JSON.stringify(run(kind, round * commits * perTx)))
db.close()
