import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ProjectedAuditTree } from '../../../adapters/audit/projected-tree.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { entryLeafHash, entryOf } from '../../../domain/audit/leaf.ts'
import { rootOf } from '../../../domain/audit/merkle.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import type { AuditTree } from '../../../domain/ports/audit-tree.ts'
import { newEvents } from '../../support/store-events.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'

// Deliverable 1 (docs/verifiable-log.md): the tree over the global log grows with the log, on SQLite in the
// append's own transaction, elsewhere by catch-up; its root is always the RFC 9162 root of the events' leaves.

const recomputedRoot = async (store: EventStore) => rootOf((await store.readAll()).map((e) => entryLeafHash(entryOf(e))))
const storedRoot = (t: AuditTree) => t.range(0, t.size())

test('given the SQLite store, every acknowledged append is in the tree at once, and the stored root is the recomputed one', async () => {
  const f = tempStoreFile()
  const store = await SqliteEventStore.open(f.path)
  const tree = store.auditTree()
  // concurrent appends to several streams: group commit writes them in shared transactions
  await Promise.all(Array.from({ length: 37 }, (_, i) => store.append(`key-${i % 5}`, 'any', newEvents(1 + (i % 3), 'Tested'))))
  const events = await store.readAll()
  assert.is(tree.size(), events.length)
  assert.ok(storedRoot(tree).equals(await recomputedRoot(store)))
  for (const e of events) assert.is(tree.leafIndexOf(e.position), events.indexOf(e))
  await store.close()
  f.remove()
})

test('given an append that fails in its group, its events and their leaves roll back together', async () => {
  const f = tempStoreFile()
  const store = await SqliteEventStore.open(f.path)
  const [first] = newEvents(1, 'Tested')
  await store.append('key-a', 'any', [first!])
  const results = await Promise.allSettled([
    store.append('key-b', 'any', newEvents(2, 'Tested')),
    store.append('key-c', 'any', [first!]), // the same event id in another stream: refused
    store.append('key-d', 'any', newEvents(1, 'Tested')),
  ])
  assert.equal(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled'])
  assert.is(store.auditTree().size(), 4)
  assert.ok(storedRoot(store.auditTree()).equals(await recomputedRoot(store)))
  await store.close()
  f.remove()
})

test('given two connections appending to one file in turn, the tree stays the one of the shared log', async () => {
  const f = tempStoreFile()
  const a = await SqliteEventStore.open(f.path)
  const b = await SqliteEventStore.open(f.path)
  for (let i = 0; i < 9; i++) await (i % 2 ? a : b).append(`key-${i % 3}`, 'any', newEvents(1 + (i % 2), 'Tested'))
  assert.is(a.auditTree().size(), 13)
  assert.ok(storedRoot(a.auditTree()).equals(await recomputedRoot(b)))
  await a.close()
  await b.close()
  f.remove()
})

test('given a data dir written before the tree existed (schema 1), opening it builds the tree from the stored events', async () => {
  const f = tempStoreFile()
  copyFileSync(new URL('../../fixtures/events-v1.sqlite', import.meta.url), f.path)
  const store = await SqliteEventStore.open(f.path)
  const tree = store.auditTree()
  assert.is(tree.size(), 5)
  assert.ok(storedRoot(tree).equals(await recomputedRoot(store)))
  await store.append('key-new', 'no_stream', newEvents(1, 'Tested'))
  assert.is(tree.size(), 6)
  assert.ok(storedRoot(tree).equals(await recomputedRoot(store)))
  await store.close()
  const db = new Database(f.path)
  assert.is(db.pragma('user_version', { simple: true }), 2)
  db.close()
  f.remove()
})

test('given a store without its own tree, the projected tree catches up in global order, and only once per event', async () => {
  const store = new MemoryEventStore()
  const f = tempStoreFile()
  const tree = ProjectedAuditTree.open(store, f.path)
  const other = ProjectedAuditTree.open(store, f.path) // a second process on the same file
  for (let i = 0; i < 12; i++) await store.append(`key-${i % 4}`, 'any', newEvents(1, 'Tested'))
  await Promise.all([tree.catchUp(), other.catchUp()])
  assert.is(tree.size(), 12)
  assert.ok(storedRoot(tree).equals(await recomputedRoot(store)))
  await store.append('key-x', 'any', newEvents(3, 'Tested'))
  assert.is(tree.size(), 12, 'a projection lags until it catches up')
  await other.catchUp()
  assert.is(tree.size(), 15)
  assert.ok(storedRoot(tree).equals(await recomputedRoot(store)))
  tree.close()
  other.close()
  f.remove()
})

test('issue 19 #3: the projected tree\'s file records what it is and its schema version; a newer one is refused naming the file', () => {
  const store = new MemoryEventStore()
  const f = tempStoreFile()
  ProjectedAuditTree.open(store, f.path).close()
  const db = new Database(f.path)
  const id = Buffer.alloc(4)
  id.writeUInt32BE(db.pragma('application_id', { simple: true }) as number)
  assert.is(id.toString('ascii'), 'KLDT')
  assert.is(db.pragma('user_version', { simple: true }), 1)
  db.pragma('user_version = 2')
  db.close()
  assert.throws(() => ProjectedAuditTree.open(store, f.path), (e: Error) => e.message.startsWith(`DataDir.TooNew: ${f.path} has audit tree schema version 2`))
  f.remove()
})

test.run()
