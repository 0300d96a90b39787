import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DuplicateEventId } from '../../../../adapters/store/shared.ts'
import { SqliteEventStore } from '../../../../adapters/store/sqlite/index.ts'
import { chainProblem, newEvent, newEvents } from '../../../support/store-events.ts'
import { tempStoreFile } from '../../../support/temp-sqlite.ts'

const withStore = async (body: (store: SqliteEventStore, path: string) => Promise<void>): Promise<void> => {
  const file = tempStoreFile()
  const store = await SqliteEventStore.open(file.path)
  try {
    await body(store, file.path)
  } finally {
    await store.close()
    file.remove()
  }
}

test('appends that arrive together are written in one transaction', async () => {
  await withStore(async (store) => {
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => store.append(`key-${i}`, 'no_stream', newEvents(2))))
    assert.ok(results.every(E.isRight))
    const stats = store.commitStats()
    assert.is(stats.appends, 64)
    assert.ok(stats.transactions <= 2, `64 concurrent appends took ${stats.transactions} transactions`)
    const positions = results.map((r) => (E.isRight(r) ? r.right.position : 0))
    assert.is(new Set(positions).size, 64)
  })
})

test('one failing append in a group fails alone: conflicts, unserialisable data and reused ids', async () => {
  await withStore(async (store) => {
    const taken = newEvent()
    await store.append('key-taken', 'no_stream', [taken])
    const outcomes = await Promise.allSettled([
      store.append('key-a', 'no_stream', newEvents(1)),
      store.append('key-taken', 'no_stream', newEvents(1)), // conflict
      store.append('key-b', 'no_stream', [newEvent(), newEvent('TestHappened', { n: BigInt(2) })]), // not JSON
      store.append('key-c', 'no_stream', [newEvent(), taken]), // event id used by another stream
      store.append('key-d', 'no_stream', newEvents(3)),
    ])
    assert.is(store.commitStats().transactions, 2)
    const [a, conflict, bigint, dup, d] = outcomes
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a tuple of known length, read defensively
    assert.ok(a?.status === 'fulfilled' && E.isRight(a.value))
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a tuple of known length, read defensively
    assert.ok(conflict?.status === 'fulfilled' && E.isLeft(conflict.value) && conflict.value.left.actual === 0)
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a tuple of known length, read defensively
    assert.ok(bigint?.status === 'rejected')
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a tuple of known length, read defensively
    assert.ok(dup?.status === 'rejected' && dup.reason instanceof DuplicateEventId)
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a tuple of known length, read defensively
    assert.ok(d?.status === 'fulfilled' && E.isRight(d.value) && d.value.right.lastRevision === 2)
    assert.equal(await store.readStream('key-b'), [])
    assert.equal(await store.readStream('key-c'), [], 'the first event of the failed batch was rolled back too')
    assert.equal((await store.readAll()).map((e) => e.streamId), ['key-taken', 'key-a', 'key-d', 'key-d', 'key-d'])
  })
})

test('appends to one stream in the same group see each other: the chain links across them', async () => {
  await withStore(async (store) => {
    const results = await Promise.all([
      store.append('key-1', 'no_stream', newEvents(2)),
      store.append('key-1', 1, newEvents(2)),
      store.append('key-1', 3, newEvents(1)),
      store.append('key-1', 3, newEvents(1)), // loses: the one before it moved the stream to 4
    ])
    assert.equal(results.map((r) => (E.isRight(r) ? r.right.lastRevision : `conflict@${r.left.actual}`)), [1, 3, 4, 'conflict@4'])
    assert.is(store.commitStats().transactions, 1)
    assert.is(chainProblem(await store.readStream('key-1')), undefined)
  })
})

test('an append resolves only once committed: another connection already sees it', async () => {
  await withStore(async (store, path) => {
    const other = new Database(path, { readonly: true })
    try {
      const count = other.prepare('SELECT count(*) AS n FROM events')
      const seenAtResolve = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        store.append(`key-${i}`, 'no_stream', newEvents(1)).then(() => (count.get() as { n: number }).n)))
      assert.ok(seenAtResolve.every((n) => n === 8), `another connection saw ${seenAtResolve.join(',')}`)
    } finally {
      other.close()
    }
  })
})

test('close() writes what was queued before closing the file', async () => {
  const file = tempStoreFile()
  const store = await SqliteEventStore.open(file.path)
  const pending = Promise.all(Array.from({ length: 5 }, (_, i) => store.append(`key-${i}`, 'no_stream', newEvents(1))))
  await store.close()
  assert.ok((await pending).every(E.isRight))
  const late = await store.append('key-x', 'any', newEvents(1)).then(() => 'written', (e: Error) => e.message)
  assert.is(late, 'the event store is closed')
  const reopened = await SqliteEventStore.open(file.path)
  assert.is(await reopened.headPosition(), 5)
  await reopened.close()
  file.remove()
})

test.run()
