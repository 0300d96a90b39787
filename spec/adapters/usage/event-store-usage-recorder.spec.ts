import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { EventStoreUsageRecorder } from '../../../adapters/usage/event-store-usage-recorder.ts'
import { randomIds } from '../../../adapters/ids.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { chainProblem } from '../../support/store-events.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'
import type { UsageRecord } from '../../../domain/ports/usage-recorder.ts'

const ctx = { principal: 'acs:ram::1:root', requestId: 'r', now: new Date('2026-01-01T00:00:00Z') }
const rec = (keyId: string, n: number): UsageRecord => ({
  keyId, versionId: null, action: 'kms:Encrypt', outcome: 'allowed', errorCode: null, callerService: null, callerResource: null, requestId: `r${n}`, at: ctx.now.toISOString(),
})

/** Three rounds of 10 calls on each of two recorders at once, all to one key: every record must be stored. */
const threeRounds = async (a: EventStoreUsageRecorder, b: EventStoreUsageRecorder, keyId: string): Promise<void> => {
  for (let round = 0; round < 3; round++) {
    const all = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.record(ctx, rec(keyId, round * 100 + i))),
      ...Array.from({ length: 10 }, (_, i) => b.record(ctx, rec(keyId, round * 100 + 50 + i))),
    ])
    assert.ok(all.every(E.isRight))
  }
}

test('two recorders (two nodes) on one usage stream: a conflict re-reads the revision and nothing is lost', async () => {
  const store = new MemoryEventStore()
  const a = new EventStoreUsageRecorder(store, randomIds)
  const b = new EventStoreUsageRecorder(store, randomIds)
  await threeRounds(a, b, 'key-aaaaaaaa')
  const events = await store.readStream('keyusage-key-aaaaaaaa')
  assert.is(events.length, 60)
  assert.is(new Set(events.map((e) => (e.data as UsageRecord).requestId)).size, 60)
  assert.ok(events.every((e) => e.type === 'ActionInvoked'))
})

test('a store failure is an InternalFailure value for every record of the batch', async () => {
  const store = new MemoryEventStore()
  store.append = async () => { throw new Error('disk full') }
  const r = await new EventStoreUsageRecorder(store, randomIds).record(ctx, rec('key-bbbbbbbb', 1))
  assert.ok(E.isLeft(r) && r.left.code === 'InternalFailure')
})

test('the recorder keeps state for a bounded number of idle streams; a forgotten stream still appends after a conflict', async () => {
  const store = new MemoryEventStore()
  const recorder = new EventStoreUsageRecorder(store, randomIds, { maxIdleStreams: 5 })
  for (let i = 0; i < 50; i++) assert.ok(E.isRight(await recorder.record(ctx, rec(`key-${String(i).padStart(8, '0')}`, i))))
  assert.is(recorder.trackedStreams, 5)
  assert.ok(E.isRight(await recorder.record(ctx, rec('key-00000000', 99))), 'its revision is re-read from the store')
  assert.is((await store.readStream('keyusage-key-00000000')).length, 2)
})

test('with anyRevision (SQLite, serve --workers): two recorders on one hot stream never conflict, and the chain holds', async () => {
  const file = tempStoreFile()
  const store = await SqliteEventStore.open(file.path)
  let conflicts = 0
  const append = store.append.bind(store)
  store.append = async (...args: Parameters<typeof store.append>) => {
    const r = await append(...args)
    if (E.isLeft(r)) conflicts++
    return r
  }
  const a = new EventStoreUsageRecorder(store, randomIds, { anyRevision: true })
  const b = new EventStoreUsageRecorder(store, randomIds, { anyRevision: true })
  await threeRounds(a, b, 'key-cccccccc')
  const events = await store.readStream('keyusage-key-cccccccc')
  assert.is(events.length, 60)
  assert.is(conflicts, 0)
  assert.is(chainProblem(events), undefined)
  await store.close()
  file.remove()
})

test.run()
