import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { SqliteReadStore } from '../../../adapters/readstore/sqlite.ts'
import { ProjectionRunner } from '../../../adapters/readstore/runner.ts'
import { planBatch } from '../../../projections/runner.ts'
import { allViews, keyUsageView, USAGE_KEYS } from '../../../projections/views/index.ts'
import type { DecodeProblem } from '../../../projections/projected-event.ts'
import { SqliteKeyCatalogueQuery } from '../../../adapters/readstore/key-catalogue-query.ts'
import { T0, World, at } from '../../support/projection-world.ts'

const calls = (rs: SqliteReadStore, keyId: string): number =>
  (rs.db.prepare(`SELECT calls FROM ${USAGE_KEYS} WHERE key_id = ?`).get(keyId) as { calls: number } | undefined)?.calls ?? 0

test('given a command, when the API waits for its position, then the catalogue already shows it (read-your-writes)', async () => {
  const w = new World()
  w.runner.start()
  const keyId = await w.createKey(T0)
  const position = await w.run(keyId, { type: 'DisableKey', now: at(T0, 1) })
  assert.ok(await w.runner.waitFor(position))
  const key = await new SqliteKeyCatalogueQuery(w.readStore).describeKey(keyId)
  assert.is(key?.state, 'Disabled')
  assert.ok(w.runner.position() >= position)
  await w.close()
})

test('waitFor answers false after its timeout when the views cannot get there', async () => {
  const w = new World()
  assert.is(await w.runner.waitFor(10, 20), false)
  await w.close()
})

test('at-least-once delivery: events at or below a view checkpoint are ignored', async () => {
  const w = new World()
  const keyId = await w.createKey(T0)
  await w.call(keyId, at(T0, 1))
  await w.call(keyId, at(T0, 2))
  await w.catchUp()
  assert.is(calls(w.readStore, keyId), 2)
  // Redeliver the whole log, as an at-least-once subscription may after a reconnect.
  const plan = planBatch(allViews, w.readStore.checkpoints(), await w.store.readAll())
  assert.is(plan.applied, 0)
  w.readStore.apply(plan)
  assert.is(calls(w.readStore, keyId), 2)
  await w.close()
})

test('a batch that fails part-way commits neither rows nor checkpoint', async () => {
  const w = new World()
  const keyId = await w.createKey(T0)
  await w.catchUp()
  await w.runner.stop()
  const before = w.readStore.checkpoints().get(keyUsageView.name)
  await w.call(keyId, at(T0, 1))
  const plan = planBatch(allViews, w.readStore.checkpoints(), await w.store.readAll())
  const broken = { ...plan, views: [...plan.views, { view: 'broken', ops: [{ op: 'update' as const, table: 'no_such_table', where: { a: 1 }, set: { b: 2 } }], checkpoint: 99 }] }
  assert.throws(() => w.readStore.apply(broken))
  assert.is(calls(w.readStore, keyId), 0)
  assert.is(w.readStore.checkpoints().get(keyUsageView.name), before)
  await w.close()
})

test('a restarted runner over the same read store file resumes at its checkpoint: no event applied twice or skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readstore-'))
  const path = join(dir, 'views.sqlite')
  const store = new MemoryEventStore()
  const w = new World(store)
  const keyId = await w.createKey(T0)
  for (let i = 0; i < 5; i++) await w.call(keyId, at(T0, i))
  const first = SqliteReadStore.open(path)
  const r1 = new ProjectionRunner({ store, readStore: first, views: allViews, batchSize: 2 })
  r1.start()
  assert.ok(await r1.waitFor(await store.headPosition()))
  await r1.stop()
  first.close()
  for (let i = 5; i < 8; i++) await w.call(keyId, at(T0, i))
  const second = SqliteReadStore.open(path)
  assert.is(second.db.pragma('synchronous', { simple: true }), 1, 'synchronous=NORMAL: derived data, refolded after a lost commit')
  assert.is(second.db.pragma('journal_mode', { simple: true }), 'wal')
  const r2 = new ProjectionRunner({ store, readStore: second, views: allViews })
  r2.start()
  assert.ok(await r2.waitFor(await store.headPosition()))
  assert.is(calls(second, keyId), 8)
  await r2.stop()
  second.close()
  await w.close()
  rmSync(dir, { recursive: true, force: true })
})

test('an event that does not decode is reported with its stream and revision, and the views go on', async () => {
  const store = new MemoryEventStore()
  const w = new World(store)
  const keyId = await w.createKey(T0)
  await store.append(`key-${keyId}`, 'any', [{
    eventId: 'bad-1', type: 'KeyDisabled', data: { nope: true },
    metadata: { principal: 'p', requestId: 'r', occurredAt: T0, correlationId: 'r', causationId: 'r' },
  }])
  await w.call(keyId, at(T0, 1))
  const seen: DecodeProblem[] = []
  const runner = new ProjectionRunner({ store, readStore: w.readStore, views: allViews, onProblem: (p) => seen.push(p) })
  runner.start()
  assert.ok(await runner.waitFor(await store.headPosition()))
  await runner.stop()
  assert.is(seen.length, 1)
  assert.is(seen[0]!.streamId, `key-${keyId}`)
  assert.is(seen[0]!.revision, 1)
  assert.is(w.readStore.problems()[0]?.revision, 1)
  assert.is(calls(w.readStore, keyId), 1)
  await w.close()
})

test('a view whose version changed is dropped and refolded from the start', async () => {
  const w = new World()
  const keyId = await w.createKey(T0)
  await w.call(keyId, at(T0, 1))
  await w.catchUp()
  await w.runner.stop()
  const bumped = { ...keyUsageView, version: keyUsageView.version + 1 }
  assert.ok(w.readStore.install(bumped))
  assert.is(w.readStore.checkpoints().get(bumped.name), 0)
  assert.is(calls(w.readStore, keyId), 0)
  const r = new ProjectionRunner({ store: w.store, readStore: w.readStore, views: [bumped] })
  r.start()
  assert.ok(await r.waitFor(await w.store.headPosition()))
  await r.stop()
  assert.is(calls(w.readStore, keyId), 1)
  await w.close()
})

test('rebuild drops one view and folds the log into it again while others keep their rows', async () => {
  const w = new World()
  const keyId = await w.createKey(T0)
  await w.call(keyId, at(T0, 1))
  await w.catchUp()
  w.readStore.db.prepare(`UPDATE ${USAGE_KEYS} SET calls = 42`).run()
  const progress: number[] = []
  const result = await w.runner.rebuild('key-usage', (p) => progress.push(p.done))
  assert.equal(result.views, ['key-usage'])
  assert.is(result.events, await w.store.headPosition())
  assert.is(calls(w.readStore, keyId), 1)
  assert.is(progress[progress.length - 1], await w.store.headPosition())
  await w.close()
})

const turns = (ms: number) => new Promise((r) => setTimeout(r, ms))

test('issue 11: given only usage records arrived and nobody waits, when the feed pauses, then the runner holds them; a wait applies them at once', async () => {
  const w = new World()
  const keyId = await w.createKey(T0)
  await w.catchUp()
  await w.runner.stop()
  const held = new ProjectionRunner({ store: w.store, readStore: w.readStore, views: allViews, usageDelayMs: 60_000 })
  held.start()
  const before = held.position()
  await w.call(keyId, at(T0, 1))
  const head = await w.call(keyId, at(T0, 2))
  await turns(50)
  assert.is(held.position(), before, 'held: the two records wait for more (or for a reader)')
  assert.is(calls(w.readStore, keyId), 0)
  assert.ok(await held.waitFor(head, 5000), 'a reader does not wait for the hold (60 s here)')
  assert.is(calls(w.readStore, keyId), 2)
  await held.stop()
  await w.close()
})

test('issue 11: given a usage record is held, when a key event follows, then both are applied without anyone waiting', async () => {
  const w = new World()
  const held = new ProjectionRunner({ store: w.store, readStore: w.readStore, views: allViews, usageDelayMs: 60_000 })
  held.start()
  await w.call('key-held', at(T0, 1))
  await turns(20)
  await w.createKey(T0)
  const position = await w.store.headPosition()
  for (let i = 0; i < 500 && held.position() < position; i++) await turns(10)
  assert.is(held.position(), position)
  assert.is(calls(w.readStore, 'key-held'), 1)
  await held.stop()
  await w.close()
})

test('issue 11: given usage records are held, when the runner stops, then they are applied', async () => {
  const w = new World()
  const held = new ProjectionRunner({ store: w.store, readStore: w.readStore, views: allViews, usageDelayMs: 60_000 })
  held.start()
  const head = await w.call('key-stop', at(T0, 1))
  await turns(20)
  await held.stop()
  assert.is(held.position(), head)
  assert.is(calls(w.readStore, 'key-stop'), 1)
  await w.close()
})

test.run()
