// The EventStoreDB adapter through the real `@eventstore/db-client` 6.2.1: against the in-process double always,
// against a real server when ESDB_CONNECTION_STRING is set (else that variant is reported as skipped, not passed).
import * as E from 'fp-ts/lib/Either.js'
import { suite, test } from 'uvu'
import * as assert from 'uvu/assert'
import type { RecordedEvent } from '../../../../domain/kernel/envelope.ts'
import { GENESIS_HASH, hashEvent } from '../../../../domain/events/hash-chain.ts'
import { type EsdbEventStore, openEsdbEventStore } from '../../../../adapters/store/esdb/index.ts'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { doubleTarget, FAST_BACKOFF, newEvent, realTarget, runId, sleep, type Target, waitFor } from '../../../support/esdb-targets.ts'

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got ${JSON.stringify(e.left)}`)
  return e.right
}

/** docs/architecture.md §3: every event's hash covers it and links to the previous one, from the genesis hash. */
const assertChainIntact = (events: readonly RecordedEvent[]) => {
  let prev = GENESIS_HASH
  events.forEach((e, i) => {
    assert.is(e.revision, i)
    assert.is(e.metadata.prevHash, prev, `prevHash of revision ${i}`)
    assert.is(hashEvent(e), e.metadata.hash, `hash of revision ${i}`)
    prev = e.metadata.hash
  })
}

const adapterSuite = (target: Target) => {
  const it = suite<{ store: EsdbEventStore; cleanup: () => Promise<void>; run: string }>(`esdb adapter (${target.name})`)
  it.before.each(async (ctx) => {
    const opened = await target.open()
    ctx.store = opened.store
    ctx.cleanup = opened.cleanup
    ctx.run = runId()
  })
  it.after.each((ctx) => ctx.cleanup())

  it('no_stream creates a stream once; a second creation is a WrongExpectedRevision with actual 0', async ({ store, run }) => {
    const s = `alias-${run}.cn-hangzhou.alias/prod`
    const created = right(await store.append(s, 'no_stream', [newEvent('AliasCreated')]))
    assert.is(created.lastRevision, 0)
    const again = await store.append(s, 'no_stream', [newEvent('AliasCreated')])
    assert.equal(again, E.left({ kind: 'WrongExpectedRevision', streamId: s, expected: 'no_stream', actual: 0 }))
  })

  it('an exact revision appends; a stale one conflicts and writes nothing', async ({ store, run }) => {
    const s = `key-${run}`
    right(await store.append(s, 'no_stream', [newEvent('KeyCreated'), newEvent('KeyDisabled')]))
    const next = right(await store.append(s, 1, [newEvent('KeyEnabled')]))
    assert.is(next.lastRevision, 2)
    const stale = await store.append(s, 1, [newEvent('KeyDisabled')])
    assert.equal(stale, E.left({ kind: 'WrongExpectedRevision', streamId: s, expected: 1, actual: 2 }))
    const ahead = await store.append(s, 7, [newEvent('KeyDisabled')])
    assert.equal(ahead, E.left({ kind: 'WrongExpectedRevision', streamId: s, expected: 7, actual: 2 }))
    assert.equal((await store.readStream(s)).map((e) => e.type), ['KeyCreated', 'KeyDisabled', 'KeyEnabled'])
  })

  it('stream_exists refuses a missing stream (actual -1) and appends to an existing one', async ({ store, run }) => {
    const s = `key-${run}`
    assert.equal(await store.append(s, 'stream_exists', [newEvent('KeyEnabled')]), E.left({ kind: 'WrongExpectedRevision', streamId: s, expected: 'stream_exists', actual: -1 }))
    right(await store.append(s, 'no_stream', [newEvent('KeyCreated')]))
    assert.is(right(await store.append(s, 'stream_exists', [newEvent('KeyEnabled')])).lastRevision, 1)
  })

  it('any appends to a missing and to an existing stream', async ({ store, run }) => {
    const s = `keyusage-${run}`
    assert.is(right(await store.append(s, 'any', [newEvent('ActionInvoked')])).lastRevision, 0)
    assert.is(right(await store.append(s, 'any', [newEvent('ActionInvoked')])).lastRevision, 1)
  })

  it('concurrent writers with the same exact revision: exactly one wins', async ({ store, run }) => {
    const s = `key-${run}`
    right(await store.append(s, 'no_stream', [newEvent('KeyCreated')]))
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.append(s, 0, [newEvent('KeyDisabled')])))
    assert.is(outcomes.filter(E.isRight).length, 1)
    for (const o of outcomes.filter(E.isLeft)) assert.equal(o.left, { kind: 'WrongExpectedRevision', streamId: s, expected: 0, actual: 1 })
  })

  it('docs/architecture.md §3 concurrent `any` appends all land and the hash chain stays intact', async ({ store, run }) => {
    const s = `keyusage-${run}`
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(s, 'any', [newEvent('ActionInvoked', { i }), newEvent('ActionInvoked', { i, second: true })])))
    assert.ok(outcomes.every(E.isRight))
    const events = await store.readStream(s)
    assert.is(events.length, 16)
    assertChainIntact(events)
  })

  it('docs/architecture.md §3 appends seal a hash chain that survives the JSON round trip', async ({ store, run }) => {
    const s = `key-${run}`
    right(await store.append(s, 'no_stream', [newEvent('KeyCreated', { spec: 'Aliyun_AES_256', tags: [{ k: 'a' }] })]))
    right(await store.append(s, 0, [newEvent('TagBound', { z: 1, a: { y: null, b: [3, 2] } }), newEvent('KeyDisabled')]))
    const events = await store.readStream(s)
    assertChainIntact(events)
    assert.equal(events[1]!.data, { z: 1, a: { y: null, b: [3, 2] } })
  })

  it('a retried append (same event ids, same expectation) succeeds as the first time and writes nothing', async ({ store, run }) => {
    const s = `key-${run}`
    const first = [newEvent('KeyCreated'), newEvent('KeyEnabled')]
    const a = right(await store.append(s, 'no_stream', first))
    assert.equal(right(await store.append(s, 'no_stream', first)), a)
    const second = [newEvent('KeyDisabled')]
    const b = right(await store.append(s, 1, second))
    right(await store.append(s, 2, [newEvent('KeyEnabled')]))
    assert.equal(right(await store.append(s, 1, second)), b, 'retry after others appended')
    const usage = [newEvent('ActionInvoked')]
    const c = right(await store.append(`keyusage-${run}`, 'any', usage))
    assert.equal(right(await store.append(`keyusage-${run}`, 'any', usage)), c)
    assert.is((await store.readStream(s)).length, 4)
    assert.is((await store.readStream(`keyusage-${run}`)).length, 1)
    assertChainIntact(await store.readStream(s))
  })

  it('readStream reads from a revision; a missing stream is empty', async ({ store, run }) => {
    const s = `key-${run}`
    right(await store.append(s, 'no_stream', [newEvent('KeyCreated'), newEvent('KeyDisabled'), newEvent('KeyEnabled')]))
    assert.equal((await store.readStream(s, 1)).map((e) => [e.revision, e.type]), [[1, 'KeyDisabled'], [2, 'KeyEnabled']])
    assert.equal(await store.readStream(`key-${run}-missing`), [])
    const [e] = await store.readStream(s)
    assert.is(e!.streamId, s)
    assert.is(e!.metadata.principal, 'acs:ram::1234567890:root')
  })

  it('readAll: global order, exclusive `after`, limit, stream prefixes; positions match append results', async ({ store, run }) => {
    const head0 = await store.headPosition()
    const k = right(await store.append(`key-${run}`, 'no_stream', [newEvent('KeyCreated')]))
    const u = right(await store.append(`keyusage-${run}`, 'no_stream', [newEvent('ActionInvoked')]))
    const a = right(await store.append(`alias-${run}.cn.x`, 'no_stream', [newEvent('AliasCreated')]))
    const k2 = right(await store.append(`key-${run}`, 0, [newEvent('KeyDisabled')]))
    const all = (await store.readAll({ after: head0 })).filter((e) => e.streamId.includes(run))
    assert.equal(all.map((e) => e.position), [k.position, u.position, a.position, k2.position])
    assert.ok(all.every((e, i) => i === 0 || e.position > all[i - 1]!.position))
    assert.equal((await store.readAll({ after: k.position, streamPrefixes: [`key-${run}`] })).map((e) => e.type), ['KeyDisabled'])
    assert.equal((await store.readAll({ after: head0, streamPrefixes: [`alias-${run}`, `keyusage-${run}`] })).map((e) => e.type), ['ActionInvoked', 'AliasCreated'])
    assert.equal((await store.readAll({ after: head0, limit: 2 })).map((e) => e.position), [k.position, u.position])
    assert.is(await store.headPosition(), k2.position)
    assert.is((await store.readStream(`key-${run}`))[1]!.position, k2.position)
  })

  it('subscribeAll: catch-up then live, server-side prefix filter, nothing after stop', async ({ store, run }) => {
    const head0 = await store.headPosition()
    right(await store.append(`key-${run}`, 'no_stream', [newEvent('KeyCreated')]))
    right(await store.append(`keyusage-${run}`, 'no_stream', [newEvent('ActionInvoked')]))
    const seen: RecordedEvent[] = []
    const sub = store.subscribeAll({ after: head0, streamPrefixes: [`key-${run}`] }, (e) => void seen.push(e))
    await waitFor('catch-up', () => seen.length === 1)
    right(await store.append(`key-${run}`, 0, [newEvent('KeyDisabled')]))
    right(await store.append(`keyusage-${run}`, 0, [newEvent('ActionInvoked')]))
    right(await store.append(`key-${run}`, 1, [newEvent('KeyEnabled')]))
    await waitFor('live events', () => seen.length === 3)
    await sub.stop()
    right(await store.append(`key-${run}`, 2, [newEvent('KeyDisabled')]))
    await new Promise((r) => setTimeout(r, 150))
    assert.equal(seen.map((e) => e.type), ['KeyCreated', 'KeyDisabled', 'KeyEnabled'])
    assertChainIntact(seen)
  })

  it('subscribeAll resumes after a stored checkpoint (exclusive), delivering each event once', async ({ store, run }) => {
    const head0 = await store.headPosition()
    const s = `key-${run}`
    right(await store.append(s, 'no_stream', [newEvent('KeyCreated'), newEvent('KeyDisabled'), newEvent('KeyEnabled')]))
    let checkpoint = head0
    const first: RecordedEvent[] = []
    const sub1 = store.subscribeAll({ after: checkpoint, streamPrefixes: [s] }, (e) => {
      if (first.length < 2) {
        first.push(e)
        checkpoint = e.position
      }
    })
    await waitFor('two events', () => first.length === 2)
    await sub1.stop()
    right(await store.append(s, 2, [newEvent('KeyDisabled')]))
    const second: RecordedEvent[] = []
    const sub2 = store.subscribeAll({ after: checkpoint, streamPrefixes: [s] }, (e) => void second.push(e))
    await waitFor('the rest', () => second.length === 2)
    await new Promise((r) => setTimeout(r, 100))
    await sub2.stop()
    assert.equal([...first, ...second].map((e) => e.revision), [0, 1, 2, 3])
  })

  it('a failing handler ends its subscription and is reported; resubscribing from the checkpoint loses nothing', async ({ run }) => {
    const reported: unknown[] = []
    const opened = await target.open({ onSubscriptionError: (e) => void reported.push(e) })
    try {
      const store = opened.store
      const head0 = await store.headPosition()
      const s = `key-${run}`
      right(await store.append(s, 'no_stream', [newEvent('KeyCreated'), newEvent('KeyDisabled'), newEvent('KeyEnabled')]))
      const calls: number[] = []
      let checkpoint = head0
      const failing = store.subscribeAll({ after: head0, streamPrefixes: [s] }, (e) => {
        calls.push(e.revision)
        if (e.revision === 1) throw new Error('projection busy')
        checkpoint = e.position
      })
      await waitFor('the report', () => reported.length === 1)
      await sleep(2 * FAST_BACKOFF.maxMs) // a subscription that retried would deliver again meanwhile
      assert.equal(calls, [0, 1])
      assert.is((reported[0] as Error).message, 'projection busy')
      await failing.stop()
      const resumed = store.subscribeAll({ after: checkpoint, streamPrefixes: [s] }, (e) => void calls.push(e.revision))
      await waitFor('the rest', () => calls.length === 4)
      await resumed.stop()
      assert.equal(calls, [0, 1, 1, 2])
    } finally {
      await opened.cleanup()
    }
  })

  it('stop resolves only once the running handler has finished', async ({ store, run }) => {
    const head0 = await store.headPosition()
    right(await store.append(`key-${run}`, 'no_stream', [newEvent('KeyCreated')]))
    let running = false
    let finished = false
    const sub = store.subscribeAll({ after: head0, streamPrefixes: [`key-${run}`] }, async () => {
      running = true
      await new Promise((r) => setTimeout(r, 150))
      finished = true
    })
    await waitFor('the handler to start', () => running)
    await sub.stop()
    assert.ok(finished)
  })
  return it
}

adapterSuite(doubleTarget).run()
if (realTarget) adapterSuite(realTarget).run()
else test.skip('real server variant: not run (ESDB_CONNECTION_STRING is unset)', () => {})

// Only the double can be stopped, restarted and fed system events at will.
const onDouble = suite('esdb adapter (double only)')

onDouble('system events in $all ($stats, $metadata) are skipped by readAll, subscriptions and headPosition', async () => {
  const double = await startEsdbDouble()
  const store = await openEsdbEventStore(double.connectionString, { backoff: FAST_BACKOFF })
  try {
    assert.is(await store.headPosition(), 0, 'a fresh server holds only system events')
    const k = right(await store.append('key-1', 'no_stream', [newEvent('KeyCreated')]))
    double.log.appendSystem('$stats-127.0.0.1:2113', '$statsCollected', { proc: 1 })
    double.log.appendSystem('$$key-1', '$metadata', { $maxCount: 10 })
    const k2 = right(await store.append('key-1', 0, [newEvent('KeyDisabled')]))
    double.log.appendSystem('$stats-127.0.0.1:2113', '$statsCollected', { proc: 2 })
    assert.is(await store.headPosition(), k2.position)
    assert.equal((await store.readAll()).map((e) => e.position), [k.position, k2.position])
    const seen: RecordedEvent[] = []
    const sub = store.subscribeAll({}, (e) => void seen.push(e))
    await waitFor('both user events', () => seen.length === 2)
    double.log.appendSystem('$$key-1', '$metadata', { $maxCount: 11 })
    right(await store.append('alias-1.cn.x', 'no_stream', [newEvent('AliasCreated')]))
    await waitFor('the live user event', () => seen.length === 3)
    await sub.stop()
    assert.equal(seen.map((e) => e.streamId), ['key-1', 'key-1', 'alias-1.cn.x'])
  } finally {
    await store.close()
    await double.stop()
  }
})

onDouble('readAll pages through more than one page of $all', async () => {
  const double = await startEsdbDouble()
  const store = await openEsdbEventStore(double.connectionString)
  try {
    for (let i = 0; i < 3; i++)
      right(await store.append(`keyusage-${i}`, 'no_stream', Array.from({ length: 400 }, () => newEvent('ActionInvoked'))))
    const all = await store.readAll()
    assert.is(all.length, 1200)
    assert.ok(all.every((e, i) => i === 0 || e.position > all[i - 1]!.position))
    assert.is((await store.readAll({ after: all[699]!.position, streamPrefixes: ['keyusage-2'] })).length, 400)
  } finally {
    await store.close()
    await double.stop()
  }
})

onDouble('the server restarts on the same port: the subscription reconnects without loss or duplication, appends retry', async () => {
  const first = await startEsdbDouble()
  const store = await openEsdbEventStore(first.connectionString, { backoff: FAST_BACKOFF })
  const other = await openEsdbEventStore(first.connectionString, { backoff: FAST_BACKOFF })
  let second: Awaited<ReturnType<typeof startEsdbDouble>> | undefined
  try {
    right(await store.append('key-r', 'no_stream', [newEvent('KeyCreated'), newEvent('KeyDisabled')]))
    const seen: RecordedEvent[] = []
    const sub = store.subscribeAll({ streamPrefixes: ['key-'] }, async (e) => {
      await sleep(5)
      seen.push(e)
    })
    await waitFor('catch-up', () => seen.length === 2)
    await first.stop()
    await sleep(120) // the subscription is cut and retries against a closed port
    second = await startEsdbDouble({ port: first.port, log: first.log })
    right(await other.append('key-r', 1, [newEvent('KeyEnabled')])) // another writer, while this client reconnects
    right(await store.append('key-r', 2, [newEvent('KeyDisabled'), newEvent('KeyEnabled')]))
    await waitFor('every event once', () => seen.length >= 5)
    await sleep(150)
    await sub.stop()
    assert.equal(seen.map((e) => e.revision), [0, 1, 2, 3, 4])
    assertChainIntact(await store.readStream('key-r'))
  } finally {
    await store.close()
    await other.close()
    await (second ?? first).stop()
  }
})

onDouble('an append issued while the server is down succeeds once it is back (retry while unavailable)', async () => {
  const first = await startEsdbDouble()
  const store = await openEsdbEventStore(first.connectionString, { backoff: FAST_BACKOFF })
  let second: Awaited<ReturnType<typeof startEsdbDouble>> | undefined
  try {
    right(await store.append('key-d', 'no_stream', [newEvent('KeyCreated')]))
    await first.stop()
    const pending = store.append('key-d', 0, [newEvent('KeyDisabled')])
    await sleep(100)
    second = await startEsdbDouble({ port: first.port, log: first.log })
    assert.is(right(await pending).lastRevision, 1)
    assert.is((await store.readStream('key-d')).length, 2)
  } finally {
    await store.close()
    await (second ?? first).stop()
  }
})

onDouble('the legacy Append path (no BatchAppend advertised) gives the same outcomes', async () => {
  for (const options of [{ batchAppend: false }, { serverFeatures: false }]) {
    const double = await startEsdbDouble(options)
    const store = await openEsdbEventStore(double.connectionString)
    try {
      right(await store.append('key-l', 'no_stream', [newEvent('KeyCreated')]))
      assert.equal(await store.append('key-l', 'no_stream', [newEvent('KeyCreated')]), E.left({ kind: 'WrongExpectedRevision', streamId: 'key-l', expected: 'no_stream', actual: 0 }))
      assert.equal(await store.append('key-l', 5, [newEvent('KeyCreated')]), E.left({ kind: 'WrongExpectedRevision', streamId: 'key-l', expected: 5, actual: 0 }))
      right(await store.append('key-l', 0, [newEvent('KeyDisabled')]))
      assertChainIntact(await store.readStream('key-l'))
    } finally {
      await store.close()
      await double.stop()
    }
  }
})

onDouble.run()
test.run()
