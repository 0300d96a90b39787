import Database from 'better-sqlite3'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { openDatabase, SCHEMA_VERSION, SqliteEventStore, UnusableDatabase } from '../../../../adapters/store/sqlite/index.ts'
import { newEvents } from '../../../support/store-events.ts'
import { tempStoreFile } from '../../../support/temp-sqlite.ts'

test('every open sets WAL and synchronous=FULL, also on reopening an existing WAL file (docs/architecture.md §8)', () => {
  const file = tempStoreFile()
  for (let i = 0; i < 2; i++) {
    const db = openDatabase(file.path)
    assert.is(db.pragma('journal_mode', { simple: true }), 'wal')
    assert.is(db.pragma('synchronous', { simple: true }), 2, `open #${i + 1}`)
    db.close()
  }
  // what a plain reopen would give: the pitfall the store guards against
  const plain = new Database(file.path)
  assert.is(plain.pragma('synchronous', { simple: true }), 1)
  plain.close()
  file.remove()
})

test('the schema version is recorded so later migrations know where to start', () => {
  const file = tempStoreFile()
  openDatabase(file.path).close()
  const db = new Database(file.path)
  assert.is(db.pragma('user_version', { simple: true }), SCHEMA_VERSION)
  assert.ok(SCHEMA_VERSION >= 1)
  db.close()
  file.remove()
})

test('a file from a newer keyledger is refused, not downgraded', async () => {
  const file = tempStoreFile()
  openDatabase(file.path).close()
  const db = new Database(file.path)
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
  db.close()
  try {
    await SqliteEventStore.open(file.path)
    assert.unreachable('opened a newer schema')
  } catch (e) {
    assert.instance(e, UnusableDatabase)
    assert.match((e as Error).message, 'upgrade keyledger')
  }
  file.remove()
})

test('another application’s SQLite file is refused, not migrated', () => {
  const file = tempStoreFile()
  const db = new Database(file.path)
  db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')
  db.close()
  assert.throws(() => openDatabase(file.path), /not a keyledger event store/)
  file.remove()
})

test('a store opened by a second process (connection) sees the first one’s commits by polling', async () => {
  const file = tempStoreFile()
  const writer = await SqliteEventStore.open(file.path)
  const reader = await SqliteEventStore.open(file.path, { pollIntervalMs: 20 })
  const seen: string[] = []
  const sub = reader.subscribeAll({}, (e) => void seen.push(e.streamId))
  await writer.append('key-1', 'no_stream', newEvents(1))
  await writer.append('key-2', 'no_stream', newEvents(1))
  const until = Date.now() + 2000
  while (seen.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
  assert.equal(seen, ['key-1', 'key-2'])
  await sub.stop()
  await reader.close()
  await writer.close()
  file.remove()
})

test.run()
