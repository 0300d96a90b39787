import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openDatabase, SqliteEventStore } from '../../../../adapters/store/sqlite/index.ts'
import { prepareStatements } from '../../../../adapters/store/sqlite/statements.ts'
import { newEvents } from '../../../support/store-events.ts'
import { tempStoreFile } from '../../../support/temp-sqlite.ts'

// The server's stream cache (adapters/store/sqlite/stream-cache.ts): a key's stream is read and decoded once while
// it is unchanged, and a change is seen at once whoever made it.

const twoStores = async (body: (server: SqliteEventStore, other: SqliteEventStore) => Promise<void>): Promise<void> => {
  const file = tempStoreFile()
  const server = await SqliteEventStore.open(file.path, { cacheStreams: true })
  const other = await SqliteEventStore.open(file.path)
  try {
    await body(server, other)
  } finally {
    await server.close()
    await other.close()
    file.remove()
  }
}

test('given an unchanged stream, when it is read again, then the same frozen array comes back (no query, no decode)', async () => {
  await twoStores(async (server) => {
    assert.ok(E.isRight(await server.append('key-a', 'no_stream', newEvents(3))))
    const first = await server.readStream('key-a')
    assert.ok(E.isRight(await server.append('keyusage-key-a', 'any', newEvents(2))), 'other streams move on')
    const again = await server.readStream('key-a')
    assert.is(again, first)
    assert.ok(Object.isFrozen(again))
    assert.is.not(await server.readStream('keyusage-key-a'), await server.readStream('keyusage-key-a'), 'usage streams are not cached')
  })
})

test('given a cached stream, when this store or another process appends to it, then the next read has the new events', async () => {
  await twoStores(async (server, other) => {
    assert.ok(E.isRight(await server.append('key-b', 'no_stream', newEvents(1))))
    assert.is((await server.readStream('key-b')).length, 1)
    assert.ok(E.isRight(await server.append('key-b', 0, newEvents(1))))
    assert.is((await server.readStream('key-b')).length, 2, 'its own append')
    assert.ok(E.isRight(await other.append('key-b', 1, newEvents(2))))
    assert.is((await server.readStream('key-b')).length, 4, 'another connection\'s append (another worker, a tool)')
    assert.is((await server.readStream('key-b', 3)).length, 1, 'partial reads are not cached')
  })
})

test('given another process appended to a cached stream, when this store then commits, then the next read still has the other process\'s event (issue 11: own commits skip the scan only when nothing came between)', async () => {
  await twoStores(async (server, other) => {
    assert.ok(E.isRight(await server.append('key-c', 'no_stream', newEvents(1))))
    assert.is((await server.readStream('key-c')).length, 1)
    assert.ok(E.isRight(await other.append('key-c', 0, newEvents(1))))
    assert.ok(E.isRight(await server.append('keyusage-key-c', 'any', newEvents(3))), 'this store\'s own commit, after the other one')
    assert.ok(E.isRight(await server.append('key-d', 'no_stream', newEvents(1))))
    assert.is((await server.readStream('key-c')).length, 2)
    assert.is((await server.readStream('key-d')).length, 1)
    assert.ok(E.isRight(await server.append('key-d', 0, newEvents(1))))
    assert.is((await server.readStream('key-d')).length, 2, 'its own commit right after what it looked at')
  })
})

test('the look for changed streams reads only the new events, by position (flat as the store grows)', () => {
  const file = tempStoreFile()
  const db = openDatabase(file.path)
  const st = prepareStatements(db)
  // The plan must search the primary key; a scan of an index over every event grew with the store (issue 11).
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${st.streamsAfter.source}`).all(0) as { detail: string }[]
  assert.ok(plan.every((p) => /SEARCH events USING INTEGER PRIMARY KEY/.test(p.detail)), plan.map((p) => p.detail).join('; '))
  db.close()
  file.remove()
})

test.run()
