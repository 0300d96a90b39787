import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import type { AppendResult, EventStore, ExpectedRevision, WrongExpectedRevision } from '../../../domain/ports/event-store.ts'
import { chainProblem, eventually, newEvent, newEvents, sleep } from '../../support/store-events.ts'

/**
 * The EventStore contract (docs/architecture.md §8): every adapter runs this suite. `reopen` closes the store and opens the same
 * data again (durable stores only); `cleanup` closes whatever store is current and removes its files.
 */
export interface StoreUnderTest {
  store: EventStore
  reopen?: () => Promise<EventStore>
  cleanup: () => Promise<void>
}

const appended = (r: E.Either<WrongExpectedRevision, AppendResult>): AppendResult => {
  if (E.isLeft(r)) throw new Error(`expected the append to succeed, got a conflict: actual ${r.left.actual}`)
  return r.right
}
const conflict = (r: E.Either<WrongExpectedRevision, AppendResult>): WrongExpectedRevision => {
  if (E.isRight(r)) throw new Error(`expected WrongExpectedRevision, the append succeeded at ${r.right.lastRevision}`)
  return r.left
}
const ids = (events: readonly RecordedEvent[]): string[] => events.map((e) => e.eventId)
const positions = (events: readonly RecordedEvent[]): number[] => events.map((e) => e.position)

/**
 * The port promises positions that are positive and strictly increase in global order, nothing more: SQLite and
 * memory count 1, 2, 3…, EventStoreDB gives commit positions (byte offsets with gaps). So the suite never writes a
 * position down; it takes them from events read back.
 */
const assertIncreasing = (events: readonly RecordedEvent[], what = 'positions'): void => {
  events.forEach((e, i) => {
    assert.ok(Number.isSafeInteger(e.position) && e.position > 0, `${what}: position ${e.position} is not a positive integer`)
    if (i > 0) assert.ok(e.position > events[i - 1]!.position, `${what}: ${e.position} does not follow ${events[i - 1]!.position}`)
  })
}

/** `readAll({after: p})` for every p the store returned (and 0): exactly the events after it, in order. */
const assertResumableEverywhere = async (store: EventStore, all: readonly RecordedEvent[]): Promise<void> => {
  for (let i = 0; i <= all.length; i++) {
    const after = i === 0 ? 0 : all[i - 1]!.position
    assert.equal(ids(await store.readAll({ after })), ids(all.slice(i)), `readAll after ${after}`)
  }
}

/**
 * `durable`: the adapter keeps data across a close, so the suite closes the store and opens its data again
 * (`reopen` is then required). The memory store is not durable and runs no reopen spec at all: a spec named for
 * reopening must really reopen (issue 20, item 3).
 */
export const eventStoreContract = (name: string, factory: () => Promise<StoreUnderTest>, o: { durable: boolean } = { durable: true }): void => {
  const test = suite<{ sut: StoreUnderTest }>(`EventStore contract: ${name}`, {} as { sut: StoreUnderTest })
  test.before.each(async (ctx) => {
    ctx.sut = await factory()
  })
  test.after.each(async (ctx) => {
    await ctx.sut.cleanup()
  })

  // --- append and expected revision ---

  test('no_stream creates a stream: revisions count from 0, positions increase, the append answers the last one', async ({ sut: { store } }) => {
    const r = appended(await store.append('key-a', 'no_stream', newEvents(3)))
    assert.is(r.lastRevision, 2)
    const events = await store.readStream('key-a')
    assert.equal(events.map((e) => e.revision), [0, 1, 2])
    assertIncreasing(events)
    assert.is(r.position, events[2]!.position)
    assert.ok(events.every((e) => e.streamId === 'key-a' && e.type === 'TestHappened'))
    assert.equal(await store.readAll(), events, 'readStream and readAll give the same events, positions included')
  })

  test('readStream pages a stream with fromRevision and limit, without reading past it', async ({ sut: { store } }) => {
    appended(await store.append('keyusage-p', 'no_stream', newEvents(7)))
    const all = await store.readStream('keyusage-p')
    assert.equal((await store.readStream('keyusage-p', 0, 3)).map((e) => e.revision), [0, 1, 2])
    assert.equal((await store.readStream('keyusage-p', 3, 3)).map((e) => e.revision), [3, 4, 5])
    assert.equal((await store.readStream('keyusage-p', 6, 3)).map((e) => e.revision), [6])
    assert.equal(await store.readStream('keyusage-p', 7, 3), [])
    assert.equal(await store.readStream('keyusage-p', 2, 0), [])
    assert.equal(await store.readStream('keyusage-p', 2, 2), all.slice(2, 4), 'a page reads back as the whole stream does')
    assert.equal(await store.readStream('keyusage-none', 0, 5), [])
  })

  test('an event reads back as it was appended (type, data, metadata)', async ({ sut: { store } }) => {
    const e = newEvent('KeyCreated', { keyId: 'k1', tags: [{ k: 'env', v: 'prod' }], n: 1.5, none: null })
    appended(await store.append('key-k1', 'no_stream', [e]))
    const [read] = await store.readStream('key-k1')
    assert.is(read!.eventId, e.eventId)
    assert.is(read!.type, 'KeyCreated')
    assert.equal(read!.data, e.data)
    assert.equal({ ...read!.metadata, prevHash: undefined, hash: undefined }, { ...e.metadata, prevHash: undefined, hash: undefined })
  })

  test('no_stream on an existing stream is a conflict naming the actual revision (alias uniqueness)', async ({ sut: { store } }) => {
    appended(await store.append('alias-a', 'no_stream', newEvents(2)))
    const c = conflict(await store.append('alias-a', 'no_stream', newEvents(1)))
    assert.equal(c, { kind: 'WrongExpectedRevision', streamId: 'alias-a', expected: 'no_stream', actual: 1 })
    assert.is((await store.readStream('alias-a')).length, 2)
  })

  test('stream_exists fails on a missing stream (actual -1) and succeeds on an existing one', async ({ sut: { store } }) => {
    const c = conflict(await store.append('key-b', 'stream_exists', newEvents(1)))
    assert.is(c.actual, -1)
    assert.is(c.expected, 'stream_exists')
    appended(await store.append('key-b', 'no_stream', newEvents(1)))
    assert.is(appended(await store.append('key-b', 'stream_exists', newEvents(2))).lastRevision, 2)
  })

  test('any appends whether or not the stream exists', async ({ sut: { store } }) => {
    assert.is(appended(await store.append('key-c', 'any', newEvents(1))).lastRevision, 0)
    assert.is(appended(await store.append('key-c', 'any', newEvents(2))).lastRevision, 2)
  })

  test('a number is the revision of the last event: exact succeeds, stale or ahead is a conflict', async ({ sut: { store } }) => {
    appended(await store.append('key-d', 'no_stream', newEvents(2)))
    assert.is(appended(await store.append('key-d', 1, newEvents(1))).lastRevision, 2)
    for (const stale of [1, 0, 5] as ExpectedRevision[]) {
      const c = conflict(await store.append('key-d', stale, newEvents(1)))
      assert.equal(c, { kind: 'WrongExpectedRevision', streamId: 'key-d', expected: stale, actual: 2 })
    }
    assert.is(conflict(await store.append('key-missing', 0, newEvents(1))).actual, -1)
    assert.is((await store.readStream('key-d')).length, 3)
  })

  test('of concurrent creations of one stream exactly one wins', async ({ sut: { store } }) => {
    const results = await Promise.all(Array.from({ length: 5 }, () => store.append('alias-race', 'no_stream', newEvents(1))))
    assert.is(results.filter(E.isRight).length, 1)
    assert.ok(results.filter(E.isLeft).every((r) => E.isLeft(r) && r.left.actual === 0))
    assert.is((await store.readStream('alias-race')).length, 1)
  })

  test('of concurrent appends at the same expected revision exactly one wins', async ({ sut: { store } }) => {
    appended(await store.append('key-e', 'no_stream', newEvents(1)))
    const results = await Promise.all(Array.from({ length: 4 }, () => store.append('key-e', 0, newEvents(2))))
    assert.is(results.filter(E.isRight).length, 1)
    assert.is((await store.readStream('key-e')).length, 3)
    assert.is(chainProblem(await store.readStream('key-e')), undefined)
  })

  // --- idempotent retry and atomicity ---

  test('a retry with the same event ids at the same place succeeds, writes nothing and answers the same', async ({ sut: { store } }) => {
    const batch = newEvents(2)
    const first = appended(await store.append('key-f', 'no_stream', batch))
    const head = await store.headPosition()
    assert.equal(appended(await store.append('key-f', 'no_stream', batch)), first)
    assert.is(await store.headPosition(), head, 'the retry wrote nothing')
    appended(await store.append('key-f', 1, newEvents(1)))
    assert.equal(appended(await store.append('key-f', 'any', batch)), first)
    assert.is((await store.readStream('key-f')).length, 3)
  })

  test('a retry of a later batch with its numeric expected revision succeeds after the stream moved on', async ({ sut: { store } }) => {
    appended(await store.append('key-h', 'no_stream', newEvents(1)))
    const batch = newEvents(1)
    const first = appended(await store.append('key-h', 0, batch))
    appended(await store.append('key-h', 1, newEvents(1)))
    assert.equal(appended(await store.append('key-h', 0, batch)), first)
    assert.is((await store.readStream('key-h')).length, 3)
  })

  test('a batch that fails to append leaves nothing behind and the stream carries on', async ({ sut: { store } }) => {
    appended(await store.append('key-i', 'no_stream', newEvents(1)))
    const head = await store.headPosition()
    // a BigInt cannot be serialised: the second event fails after the first was prepared
    const bad = [newEvent('TestHappened', { ok: true }), newEvent('TestHappened', { n: BigInt(1) })]
    let failed = false
    try {
      const r = await store.append('key-i', 0, bad)
      failed = E.isLeft(r)
    } catch {
      failed = true
    }
    assert.ok(failed, 'the batch must not be written')
    assert.is((await store.readStream('key-i')).length, 1)
    assert.is(await store.headPosition(), head)
    assert.is(appended(await store.append('key-i', 0, [bad[0]!])).lastRevision, 1)
    assert.is(chainProblem(await store.readStream('key-i')), undefined)
  })

  // --- reads ---

  test('readStream reads from a revision (inclusive); a missing stream reads empty', async ({ sut: { store } }) => {
    const batch = newEvents(5)
    appended(await store.append('key-j', 'no_stream', batch))
    assert.equal(ids(await store.readStream('key-j', 2)), ids(batch.slice(2) as never))
    assert.equal(await store.readStream('key-j', 5), [])
    assert.equal(await store.readStream('key-nothing'), [])
  })

  test('readAll is in global order across streams, after a position (exclusive), with a limit', async ({ sut: { store } }) => {
    const order: string[] = []
    for (const s of ['key-1', 'alias-1', 'key-2', 'key-1', 'keyusage-1', 'alias-1']) {
      const batch = newEvents(2)
      order.push(...batch.map((e) => e.eventId))
      appended(await store.append(s, 'any', batch))
    }
    const all = await store.readAll()
    assert.equal(ids(all), order)
    assertIncreasing(all)
    await assertResumableEverywhere(store, all)
    const p4 = all[3]!.position
    assert.equal(ids(await store.readAll({ after: p4, limit: 3 })), order.slice(4, 7))
    assert.equal(ids(await store.readAll({ limit: 2 })), order.slice(0, 2))
    assert.equal(await store.readAll({ after: all[11]!.position }), [])
    for (const s of ['key-1', 'alias-1']) assert.equal(await store.readStream(s), all.filter((e) => e.streamId === s))
  })

  test('readAll filters by stream prefix (key- is not keyusage-), with limit applied after the filter', async ({ sut: { store } }) => {
    for (const s of ['key-1', 'keyusage-1', 'alias-1', 'key-2', 'keyusage-1', 'key-1']) appended(await store.append(s, 'any', newEvents(1)))
    const all = await store.readAll()
    const keys = await store.readAll({ streamPrefixes: ['key-'] })
    assert.equal(keys.map((e) => e.streamId), ['key-1', 'key-2', 'key-1'])
    assert.equal(keys, [all[0], all[3], all[5]])
    assert.equal(positions(await store.readAll({ streamPrefixes: ['key-'], limit: 2 })), [all[0]!.position, all[3]!.position])
    // `after` an event of another stream, then the limit counts only matching events
    assert.equal(positions(await store.readAll({ streamPrefixes: ['key-'], after: all[1]!.position, limit: 1 })), [all[3]!.position])
    assert.equal(positions(await store.readAll({ streamPrefixes: ['key-'], after: all[0]!.position, limit: 1 })), [all[3]!.position])
    const two = await store.readAll({ streamPrefixes: ['alias-', 'keyusage-'] })
    assert.equal(two.map((e) => e.streamId), ['keyusage-1', 'alias-1', 'keyusage-1'])
    assert.equal(two, [all[1], all[2], all[4]])
  })

  test('headPosition is 0 when empty, then the position of the last event', async ({ sut: { store } }) => {
    assert.is(await store.headPosition(), 0)
    appended(await store.append('key-1', 'any', newEvents(3)))
    const first = await store.headPosition()
    const r = appended(await store.append('key-2', 'any', newEvents(2)))
    const all = await store.readAll()
    assert.is(all.length, 5)
    assert.is(first, all[2]!.position)
    assert.is(await store.headPosition(), all[4]!.position)
    assert.is(r.position, all[4]!.position)
  })

  // --- hash chain ---

  test('every stream is a hash chain from GENESIS_HASH, and every hash recomputes (audit verify)', async ({ sut: { store } }) => {
    for (const s of ['key-x', 'key-y', 'key-x', 'alias-z', 'key-x']) appended(await store.append(s, 'any', newEvents(2)))
    for (const s of ['key-x', 'key-y', 'alias-z']) assert.is(chainProblem(await store.readStream(s)), undefined)
    const xs = await store.readStream('key-x')
    assert.is(xs.length, 6)
    assert.is(new Set(xs.map((e) => e.metadata.hash)).size, 6)
  })

  // --- subscriptions ---

  test('subscribeAll catches up, then delivers live events, in order, exactly once', async ({ sut: { store } }) => {
    appended(await store.append('key-1', 'any', newEvents(3)))
    const seen: RecordedEvent[] = []
    const sub = store.subscribeAll({}, (e) => void seen.push(e))
    await eventually(() => seen.length === 3, 2000, 'catch-up')
    for (let i = 0; i < 5; i++) appended(await store.append(`key-${i % 2}`, 'any', newEvents(2)))
    await eventually(() => seen.length === 13, 2000, 'live events')
    await sleep(50)
    await sub.stop()
    assert.is(seen.length, 13)
    assert.equal(seen, await store.readAll())
  })

  test('subscribeAll starts after a position and filters by prefix', async ({ sut: { store } }) => {
    for (const s of ['key-1', 'alias-1', 'key-2']) appended(await store.append(s, 'any', newEvents(1)))
    const [first] = await store.readAll({ limit: 1 })
    const seen: RecordedEvent[] = []
    const sub = store.subscribeAll({ after: first!.position, streamPrefixes: ['key-'] }, (e) => void seen.push(e))
    appended(await store.append('alias-2', 'any', newEvents(1)))
    const last = appended(await store.append('key-3', 'any', newEvents(1)))
    await eventually(() => seen.length === 2, 2000, 'filtered events')
    await sleep(30)
    await sub.stop()
    const all = await store.readAll()
    assert.equal(seen.map((e) => e.streamId), ['key-2', 'key-3'])
    assert.equal(seen, [all[2], all[4]])
    assert.is(seen[1]!.position, last.position)
  })

  test('each subscription gets every event once, even with a slow handler while appends arrive', async ({ sut: { store } }) => {
    const fast: number[] = []
    const slow: number[] = []
    const a = store.subscribeAll({}, (e) => void fast.push(e.position))
    const b = store.subscribeAll({}, async (e) => {
      await sleep(2)
      slow.push(e.position)
    })
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(`key-${i % 3}`, 'any', newEvents(1))))
    await eventually(() => fast.length === 20 && slow.length === 20, 3000, 'both subscriptions')
    await Promise.all([a.stop(), b.stop()])
    const expected = positions(await store.readAll())
    assert.is(expected.length, 20)
    assert.equal(fast, expected)
    assert.equal(slow, expected)
  })

  test('stop() while waiting resolves at once and nothing is delivered after it', async ({ sut: { store } }) => {
    const seen: number[] = []
    const sub = store.subscribeAll({}, (e) => void seen.push(e.position))
    await sleep(20)
    const t0 = Date.now()
    await sub.stop()
    assert.ok(Date.now() - t0 < 100, 'stop must not wait for a poll tick')
    appended(await store.append('key-1', 'any', newEvents(2)))
    await sleep(50)
    assert.equal(seen, [])
    await sub.stop() // twice is harmless
  })

  test('stop() waits for the running handler, and may be called from inside it', async ({ sut: { store } }) => {
    appended(await store.append('key-1', 'any', newEvents(3)))
    let running = false
    let finished = 0
    const outside = store.subscribeAll({}, async () => {
      running = true
      await sleep(30)
      running = false
      finished++
    })
    await eventually(() => running, 2000, 'handler start')
    await outside.stop()
    assert.not.ok(running, 'stop resolved while a handler was running')
    assert.is(finished, 1)
    const all = positions(await store.readAll())
    const seen: number[] = []
    const inside: { sub?: { stop(): Promise<void> }; stopped?: boolean } = {}
    inside.sub = store.subscribeAll({}, async (e) => {
      seen.push(e.position)
      if (e.position === all[1]) {
        await inside.sub!.stop()
        inside.stopped = true
      }
    })
    await eventually(() => inside.stopped === true, 2000, 'stop() called from inside the handler to resolve')
    await sleep(30)
    assert.equal(seen, all.slice(0, 2))
  })

  test('a handler that throws ends its own subscription but does not wedge the store or the others', async ({ sut: { store } }) => {
    const good: number[] = []
    const bad: number[] = []
    let second: number | undefined
    const throwing = store.subscribeAll({}, (e) => {
      bad.push(e.position)
      if (bad.length === 2) {
        second = e.position
        throw new Error('projection failed')
      }
    })
    const healthy = store.subscribeAll({}, (e) => void good.push(e.position))
    for (let i = 0; i < 4; i++) appended(await store.append('key-1', 'any', newEvents(1)))
    await eventually(() => good.length === 4, 2000, 'healthy subscription')
    await sleep(100) // longer than a resubscription backoff: a retrying adapter would deliver again in this time
    assert.equal(good, positions(await store.readAll()))
    assert.equal(bad, good.slice(0, 2), 'no event skipped or delivered after the failure')
    assert.is(second, good[1])
    appended(await store.append('key-1', 3, newEvents(1)))
    await eventually(() => good.length === 5, 2000, 'store still live')
    await throwing.stop()
    await healthy.stop()
  })

  test('close() stops running subscriptions', async ({ sut }) => {
    const seen: number[] = []
    sut.store.subscribeAll({}, (e) => void seen.push(e.position))
    appended(await sut.store.append('key-1', 'any', newEvents(1)))
    await eventually(() => seen.length === 1, 2000, 'delivery')
    // cleanup closes the store: it must resolve although a subscription is still waiting
  })

  // --- durability ---

  if (o.durable) test('data survives reopen: events, positions, hash chain, and appends continue the chain', async ({ sut }) => {
    assert.type(sut.reopen, 'function', 'a durable adapter must offer reopen')
    const a = appended(await sut.store.append('key-1', 'no_stream', newEvents(3)))
    appended(await sut.store.append('alias-1', 'no_stream', newEvents(1)))
    const before = await sut.store.readAll()
    const closed = sut.store
    const store = await sut.reopen!()
    assert.is.not(store, closed, 'reopen opens a new store on the same data')
    assert.equal(await store.readAll(), before)
    assert.is(await store.headPosition(), before[3]!.position)
    assert.is(conflict(await store.append('key-1', 'no_stream', newEvents(1))).actual, a.lastRevision)
    const next = appended(await store.append('key-1', 2, newEvents(1)))
    const after = await store.readAll()
    assert.is(after.length, 5)
    assert.equal(after.slice(0, 4), before)
    assertIncreasing(after)
    assert.is(next.position, after[4]!.position)
    assert.is(await store.headPosition(), next.position)
    assert.is(chainProblem(await store.readStream('key-1')), undefined)
  })

  test.run()
}
