import Database from 'better-sqlite3'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SqliteEventStore, StoredEventUnreadable } from '../../../../adapters/store/sqlite/index.ts'
import { newEvent, newEvents } from '../../../support/store-events.ts'
import { tempStoreFile } from '../../../support/temp-sqlite.ts'

/** A store whose `key-1`@1 was edited behind its back with `sql`. */
const corrupted = async (sql: string) => {
  const file = tempStoreFile()
  const store = await SqliteEventStore.open(file.path)
  await store.append('key-1', 'no_stream', [newEvent('TestHappened', { secret: 'do-not-leak' }), newEvent('TestHappened', { secret: 'do-not-leak' })])
  const db = new Database(file.path)
  db.prepare(sql).run()
  db.close()
  return { store, done: async () => { await store.close(); file.remove() } }
}

const readError = async (read: () => Promise<unknown>): Promise<StoredEventUnreadable> => {
  try {
    await read()
  } catch (e) {
    assert.instance(e, StoredEventUnreadable)
    return e as StoredEventUnreadable
  }
  throw new Error('the corrupted event was read without an error')
}

test('data that is not JSON gives a clear error naming stream and revision, without the content', async () => {
  const { store, done } = await corrupted(`UPDATE events SET data = '{"secret":"do-not-leak"' WHERE stream_revision = 1`)
  const e = await readError(() => store.readStream('key-1'))
  assert.is(e.message, 'stored event key-1@1 (position 2) is unreadable: data is not valid JSON')
  assert.not.match(e.message, 'do-not-leak')
  await readError(() => store.readAll())
  await done()
})

test('metadata that lost its hash chain link is refused on read', async () => {
  const { store, done } = await corrupted(`UPDATE events SET metadata = json_remove(metadata, '$.prevHash') WHERE stream_revision = 1`)
  const e = await readError(() => store.readStream('key-1'))
  assert.match(e.message, 'key-1@1')
  assert.match(e.message, 'prevHash')
  await done()
})

test('a subscription reaching a corrupted event stops and reports it; the process and the store carry on', async () => {
  const reported: unknown[] = []
  const file = tempStoreFile()
  const store = await SqliteEventStore.open(file.path, { onSubscriptionError: (e) => void reported.push(e) })
  await store.append('key-1', 'no_stream', newEvents(2))
  const db = new Database(file.path)
  db.prepare(`UPDATE events SET metadata = 'garbage' WHERE position = 2`).run()
  db.close()
  const seen: number[] = []
  const sub = store.subscribeAll({}, (e) => void seen.push(e.position))
  const until = Date.now() + 2000
  while (reported.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
  assert.is(reported.length, 1)
  assert.instance(reported[0], StoredEventUnreadable)
  assert.equal(seen, [], 'the page holding the corrupted event is not partly delivered')
  await sub.stop()
  await store.append('key-2', 'no_stream', newEvents(1))
  assert.is(await store.headPosition(), 3)
  await store.close()
  file.remove()
})

test.run()
