// `keyledger store copy` (adapters/store/copy.ts): SQLite → EventStoreDB (the double, through the real client) →
// a second SQLite file, with streams made by the real KeyService; resuming an interrupted copy; refusals.
import Database from 'better-sqlite3'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { copyEventStore, CopyMismatch, CopyRefused, type CopyProgress } from '../../../adapters/store/copy.ts'
import { openEsdbEventStore } from '../../../adapters/store/esdb/index.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { startEsdbDouble, type EsdbDouble } from '../../support/esdb-double/index.ts'
import { FAST_BACKOFF } from '../../support/esdb-targets.ts'
import { populateKeys, streamIdsOf, withoutPosition } from '../../support/key-population.ts'
import { chainProblem, newEvent, newEvents } from '../../support/store-events.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'

const KEYS = 50

interface World {
  files: Array<{ path: string; remove: () => void }>
  stores: EventStore[]
  double?: EsdbDouble
}
const test = suite<World>('store copy', { files: [], stores: [] })
test.before.each((w) => {
  w.files = []
  w.stores = []
  w.double = undefined
})
test.after.each(async (w) => {
  await Promise.allSettled(w.stores.map((s) => s.close()))
  await w.double?.stop()
  for (const f of w.files) f.remove()
})

const sqlite = async (w: World): Promise<{ store: SqliteEventStore; path: string }> => {
  const file = tempStoreFile()
  w.files.push(file)
  const store = await SqliteEventStore.open(file.path)
  w.stores.push(store)
  return { store, path: file.path }
}
const esdb = async (w: World): Promise<EventStore> => {
  w.double ??= await startEsdbDouble()
  const store = await openEsdbEventStore(w.double.connectionString, { backoff: FAST_BACKOFF })
  w.stores.push(store)
  return store
}

/** Source and target hold the same streams, event for event (positions aside), in the same global order. */
const assertSameHistory = async (source: EventStore, target: EventStore): Promise<RecordedEvent[]> => {
  const all = await source.readAll()
  const copied = await target.readAll()
  assert.equal(copied.map(withoutPosition), all.map(withoutPosition), 'every event, in the same global order')
  for (const s of streamIdsOf(all)) {
    const [a, b] = [await source.readStream(s), await target.readStream(s)]
    assert.equal(b.map(withoutPosition), a.map(withoutPosition), s)
    assert.equal(b.map((e) => e.metadata.hash), a.map((e) => e.metadata.hash), `${s}: hashes`)
    assert.is(chainProblem(b), undefined)
  }
  return all
}

/** A target that loses its connection after `appends` appends, as a copy interrupted by a crash would see it. */
const failingAfter = (store: EventStore, appends: number): EventStore => {
  let n = 0
  return {
    append: (s, e, events) => (++n > appends ? Promise.reject(new Error('connection lost')) : store.append(s, e, events)),
    readStream: (s, r) => store.readStream(s, r),
    readAll: (o) => store.readAll(o),
    subscribeAll: (o, h) => store.subscribeAll(o, h),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  }
}

test('SQLite → EventStoreDB → SQLite keeps every stream, event, hash and the global order', async (w) => {
  const { store: source } = await sqlite(w)
  await populateKeys(source, KEYS)
  const all = await source.readAll()
  const streams = streamIdsOf(all)
  assert.ok(all.length >= 300, `a few hundred events (${all.length})`)
  assert.equal(new Set(streams.map((s) => s.slice(0, s.indexOf('-')))), new Set(['key', 'alias', 'keyusage']))

  const middle = await esdb(w)
  const progress: CopyProgress[] = []
  const there = await copyEventStore(source, middle, { onProgress: (p) => void progress.push(p) })
  assert.equal({ ...there, seconds: 0, eventsPerSecond: 0 }, {
    streams: streams.length, total: all.length, written: all.length, alreadyPresent: 0, seconds: 0, eventsPerSecond: 0, verified: streams.length,
  })
  assert.ok(there.eventsPerSecond > 0)
  const copying = progress.filter((p) => p.phase === 'copy')
  assert.equal(copying.at(-1), { phase: 'copy', done: all.length, total: all.length })
  assert.ok(copying.every((p, i) => i === 0 || p.done >= copying[i - 1]!.done), 'progress only moves forward')
  assert.equal(progress.at(-1), { phase: 'verify', done: streams.length, total: streams.length })
  await assertSameHistory(source, middle)

  const { store: back } = await sqlite(w)
  const returned = await copyEventStore(middle, back)
  assert.is(returned.written, all.length)
  await assertSameHistory(source, back)
  assert.equal((await back.readAll()).map((e) => e.position), all.map((e) => e.position), 'SQLite positions come back as they were')
})

test('an interrupted copy resumes where it stopped, and a rerun after the source grew copies only the new events', async (w) => {
  const { store: source } = await sqlite(w)
  await populateKeys(source, 12)
  const all = await source.readAll()
  const target = await esdb(w)
  const err = await copyEventStore(source, failingAfter(target, 25)).then(() => undefined, (e: unknown) => e)
  assert.instance(err, Error)
  assert.is((err as Error).message, 'connection lost')
  const partial = await target.readAll()
  assert.ok(partial.length > 0 && partial.length < all.length)
  assert.equal(partial.map(withoutPosition), all.slice(0, partial.length).map(withoutPosition), 'the target holds a prefix of the global order')
  const cut = streamIdsOf(partial).filter((s) => partial.filter((e) => e.streamId === s).length < all.filter((e) => e.streamId === s).length)
  assert.ok(cut.length > 0, 'some stream was copied only in part')

  const resumed = await copyEventStore(source, target)
  assert.is(resumed.alreadyPresent, partial.length)
  assert.is(resumed.written, all.length - partial.length)
  assert.is(resumed.verified, streamIdsOf(all).length)
  await assertSameHistory(source, target)

  await populateKeys(source, 2)
  const again = await copyEventStore(source, target)
  assert.is(again.alreadyPresent, all.length)
  assert.is(again.written, (await source.readAll()).length - all.length)
  await assertSameHistory(source, target)
})

test('an aborted copy (Ctrl-C) stops between appends and resumes the same way', async (w) => {
  const { store: source } = await sqlite(w)
  await populateKeys(source, 6)
  const { store: target } = await sqlite(w)
  const abort = new AbortController()
  const err = await copyEventStore(source, target, { signal: abort.signal, onProgress: (p) => p.done >= 10 && abort.abort() }).then(() => undefined, (e: unknown) => e)
  assert.is((err as Error).name, 'AbortError')
  const partial = (await target.readAll()).length
  assert.ok(partial >= 10 && partial < (await source.readAll()).length)
  assert.is((await copyEventStore(source, target)).alreadyPresent, partial)
  await assertSameHistory(source, target)
})

test('a target whose stream holds different data is refused before anything is written', async (w) => {
  const { store: source } = await sqlite(w)
  await populateKeys(source, 4)
  const victim = streamIdsOf(await source.readAll()).find((s) => s.startsWith('keyusage-'))!
  const target = await esdb(w)
  await target.append('key-unrelated', 'no_stream', newEvents(2)) // streams the source lacks are left alone
  await target.append(victim, 'no_stream', [newEvent('ActionInvoked', { keyId: 'someone else' })])
  const head = await target.headPosition()
  const err = await copyEventStore(source, target).then(() => undefined, (e: unknown) => e)
  assert.instance(err, CopyRefused)
  assert.is((err as CopyRefused).streamId, victim)
  assert.match((err as Error).message, `refusing to copy ${victim}: the target already holds different data at revision 0`)
  assert.is(await target.headPosition(), head, 'nothing was written')
  assert.is((await target.readAll()).length, 3)
})

test('a target stream that is longer than the source, or differs only in metadata, is refused', async (w) => {
  const { store: source } = await sqlite(w)
  await populateKeys(source, 3)
  const { store: target } = await sqlite(w)
  await copyEventStore(source, target)
  const stream = streamIdsOf(await source.readAll()).find((s) => s.startsWith('alias-'))!
  const last = (await target.readStream(stream)).length - 1
  await target.append(stream, last, newEvents(1))
  const longer = await copyEventStore(source, target).then(() => undefined, (e: unknown) => e)
  assert.instance(longer, CopyRefused)
  assert.match((longer as Error).message, /the target holds \d+ events, the source only \d+/)

  const { store: other, path } = await sqlite(w)
  await copyEventStore(source, other)
  await other.close()
  const db = new Database(path)
  db.prepare(`UPDATE events SET metadata = json_set(metadata, '$.principal', 'acs:ram::999:root') WHERE position = 1`).run()
  db.close()
  const reopened = await SqliteEventStore.open(path)
  w.stores.push(reopened)
  const edited = await copyEventStore(source, reopened).then(() => undefined, (e: unknown) => e)
  assert.instance(edited, CopyRefused)
  assert.match((edited as Error).message, 'different data at revision 0')
})

test('the final check catches a source whose chain does not recompute (the copy would launder it)', async (w) => {
  const { store: source, path } = await sqlite(w)
  await populateKeys(source, 2)
  const tampered = (await source.readAll())[0]!
  const db = new Database(path)
  db.prepare(`UPDATE events SET data = json_set(data, '$.description', 'edited') WHERE position = ?`).run(tampered.position)
  db.close()
  const target = await esdb(w)
  const err = await copyEventStore(source, target).then(() => undefined, (e: unknown) => e)
  assert.instance(err, CopyMismatch)
  assert.match((err as Error).message, `copy check failed for ${tampered.streamId}: the SOURCE chain is broken`)
})

test.run()
