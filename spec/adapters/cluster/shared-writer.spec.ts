import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SharedWriter } from '../../../adapters/cluster/shared-writer.ts'
import { RemoteWriter } from '../../../adapters/cluster/remote-writer.ts'
import { openDatabase, SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { newEvent } from '../../support/store-events.ts'

// Issue 11 item 3 (docs/architecture.md §9): under `serve --workers N` the primary runs the event store's one
// writer thread and every worker's appends go to it over the cluster's channel. What must hold: each worker's
// append settles with its own outcome (a wrong expected revision reaches the worker that made it), both workers'
// events land in one file in one order, every worker's live feed gets every committed event (its own and the
// other's) without waiting for a poll, and an answer still means committed: it is in the file when it settles.
// The channel is a function here (the primary's `send` over IPC in serve); the writer thread and file are real.

const twoWorkers = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-shared-writer-'))
  const path = join(dir, 'events.sqlite')
  openDatabase(path).close() // the first worker makes the file before its first append
  const remotes = new Map<number, RemoteWriter>()
  const shared = new SharedWriter(path, () => remotes.keys(), (worker, c) => remotes.get(worker)?.receive(c))
  const open = (index: number) =>
    SqliteEventStore.open(path, {
      // a long poll: a feed that sees the other worker's events did so by the primary's news, not by polling
      pollIntervalMs: 60_000,
      writer: (committed) => {
        const w = new RemoteWriter((appends) => shared.append(index, appends), committed)
        remotes.set(index, w)
        return Promise.resolve(w)
      },
    })
  const stores = [await open(1), await open(2)] as const
  return {
    stores, path,
    close: async () => {
      for (const s of stores) await s.close()
      await shared.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The first `count` events the store's feed delivers; fails (instead of hanging) if they do not come in 20 s. */
const seen = (store: SqliteEventStore, count: number): Promise<RecordedEvent[]> =>
  new Promise((resolve, reject) => {
    const got: RecordedEvent[] = []
    const timer = setTimeout(() => reject(new Error(`the feed delivered ${got.length} of ${count} events`)), 20_000)
    const sub = store.subscribeAll({}, (e) => {
      got.push(e)
      if (got.length === count) {
        clearTimeout(timer)
        void sub.stop().then(() => resolve(got))
      }
    })
  })

test('issue 11 item 3: two workers append through the primary\'s one writer: one order, every answer durable and its own', async () => {
  // given two workers whose stores commit through one shared writer
  const { stores: [a, b], path, close } = await twoWorkers()
  try {
    const feedA = seen(a, 4)
    const feedB = seen(b, 4)
    // when both append at once, two of them to one stream expecting it new
    const [r1, r2, r3, r4] = await Promise.all([
      a.append('key-1', 'no_stream', [newEvent('A1')]),
      b.append('key-2', 'no_stream', [newEvent('B1')]),
      a.append('keyusage-1', 'any', [newEvent('A2')]),
      b.append('keyusage-1', 'any', [newEvent('B2'), newEvent('B3')]),
    ])
    const late = await b.append('key-1', 'no_stream', [newEvent('B4')])
    // then every append settled with its own outcome, and the second "no_stream" on key-1 was refused to its worker
    for (const r of [r1, r2, r3, r4]) assert.is(r._tag, 'Right')
    assert.is(late._tag, 'Left')
    // and what was answered is in the file, read on a connection of its own, positions 1..5 in one order
    const file = openDatabase(path)
    const rows = file.prepare('SELECT position, type FROM events ORDER BY position').all() as { position: number; type: string }[]
    file.close()
    assert.equal(rows.map((r) => r.position), [1, 2, 3, 4, 5])
    assert.equal(new Set(rows.map((r) => r.type)), new Set(['A1', 'B1', 'A2', 'B2', 'B3']))
    // and each worker's feed delivered all of them, the other worker's too, in the file's order, without a poll
    const [inA, inB] = await Promise.all([feedA, feedB])
    assert.equal(inA.map((e) => e.position), [1, 2, 3, 4])
    assert.equal(inB.map((e) => e.type), inA.map((e) => e.type))
  } finally {
    await close()
  }
})

test('issue 11 item 3: an append in flight when its worker closes its store is still answered before the store closes', async () => {
  // given a worker with an append queued but not yet sent
  const { stores: [a], close } = await twoWorkers()
  try {
    const pending = a.append('key-9', 'no_stream', [newEvent('Z')])
    // when the store closes at once
    const closing = a.close()
    // then the append settles (committed) before close resolves
    assert.is((await pending)._tag, 'Right')
    await closing
  } finally {
    await close()
  }
})

test.run()
