import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import FakeTimers from '@sinonjs/fake-timers'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import { randomIds } from '../../adapters/ids.ts'
import { CLAIM_LEASE_MS, IDEMPOTENCY_SCHEMA_VERSION, IdempotentWrites, TOKEN_LIFETIME_MS, tokenStream } from '../../application/idempotency.ts'

// Issue 17, item 2, the rule itself (application/idempotency.ts): one run per (caller, token); the claim is an append
// with an expected revision, so concurrent requests race to one winner; 24 hours; a claim whose process died is
// taken over after its lease.

const owner = { accountId: '1234567890123456', principal: 'acs:ram::1234567890123456:root' }
const T0 = new Date('2026-01-01T00:00:00Z')
const at = (ms: number) => new Date(T0.getTime() + ms)
const call = (requestId: string, now = T0, fingerprint = 'fp-a') => ({ owner, token: 'tok', fingerprint, requestId, now })
const answering = (counter: { runs: number }, answer: Record<string, unknown>) => async () => {
  counter.runs++
  await new Promise((r) => setTimeout(r, 20))
  return E.right(answer)
}

test('given ten concurrent calls with one token, when each reads the stream before any claim lands, then one runs and all get its answer', async () => {
  const writes = new IdempotentWrites(new MemoryEventStore(), randomIds)
  const counter = { runs: 0 }
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => writes.run(call(`req-${i}`), answering(counter, { KeyId: `key-${i}` }))))
  assert.is(counter.runs, 1)
  assert.is(new Set(results.map((r) => r.requestId)).size, 1)
  assert.is(new Set(results.map((r) => JSON.stringify(r.result))).size, 1)
})

test('given an answered token, when 24 hours have passed, then the token runs again; before that it replays', async () => {
  const store = new MemoryEventStore()
  const writes = new IdempotentWrites(store, randomIds)
  const counter = { runs: 0 }
  await writes.run(call('first'), answering(counter, { n: 1 }))
  const replay = await writes.run(call('second', at(TOKEN_LIFETIME_MS - 1)), answering(counter, { n: 2 }))
  assert.equal([replay.requestId, replay.result], ['first', E.right({ n: 1 })])
  const fresh = await writes.run(call('third', at(TOKEN_LIFETIME_MS)), answering(counter, { n: 3 }))
  assert.equal([fresh.requestId, fresh.result, counter.runs], ['third', E.right({ n: 3 }), 2])
  const events = await store.readStream(tokenStream(owner, 'tok'))
  assert.ok(events.every((e) => e.metadata.schemaVersion === IDEMPOTENCY_SCHEMA_VERSION), 'every token event carries its schema version')
})

test('given a failed call, then the token is released and a retry runs; given a claim whose process died, then it is taken over after its lease', async () => {
  const store = new MemoryEventStore()
  const writes = new IdempotentWrites(store, randomIds)
  const failed = await writes.run(call('first'), async () => E.left({ code: 'Rejected.Whatever', httpStatus: 409, message: 'no' }))
  assert.ok(E.isLeft(failed.result))
  const counter = { runs: 0 }
  assert.equal((await writes.run(call('second'), answering(counter, { ok: true }))).result, E.right({ ok: true }))
  // a claim with no answer: the process died between its claim and its answer
  const dead = tokenStream(owner, 'dead')
  await store.append(dead, 'no_stream', [{ eventId: 'e1', type: 'IdempotencyClaimed', data: { fingerprint: 'fp-a', requestId: 'gone', claimedAt: T0.toISOString() },
    metadata: { principal: owner.principal, requestId: 'gone', occurredAt: T0.toISOString(), correlationId: 'gone', causationId: 'gone' } }])
  const noWait = new IdempotentWrites(store, randomIds, async () => { throw new Error('waited for a dead claim after its lease') })
  const taken = await noWait.run({ ...call('later', at(CLAIM_LEASE_MS)), token: 'dead' }, answering(counter, { again: true }))
  assert.equal([taken.requestId, taken.result], ['later', E.right({ again: true })])
})

test('given an answered token, when the parameters differ, then 409 IdempotentParameterMismatch and nothing runs', async () => {
  const writes = new IdempotentWrites(new MemoryEventStore(), randomIds)
  const counter = { runs: 0 }
  await writes.run(call('first'), answering(counter, {}))
  const other = await writes.run(call('second', T0, 'fp-b'), answering(counter, {}))
  assert.equal([E.isLeft(other.result) && other.result.left.code, E.isLeft(other.result) && other.result.left.httpStatus, counter.runs], ['IdempotentParameterMismatch', 409, 1])
})

test('given a call still running with a token, when a retry with the same token and parameters comes, then it waits 10 s for the answer, then 409 IdempotentRequestInProgress, running and appending nothing; once the first answers, a retry gets that answer', async () => {
  // The retry's wait is measured on Date: a fake Date, moved by the injected sleep, makes the 10 s exact and instant.
  const clock = FakeTimers.install({ now: T0, toFake: ['Date'] })
  try {
    const store = new MemoryEventStore()
    let waited = 0
    const writes = new IdempotentWrites(store, randomIds, async (ms) => {
      waited += ms
      clock.tick(ms)
    })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const counter = { runs: 0 }
    const first = writes.run(call('first'), async () => {
      counter.runs++
      await gate
      return E.right({ KeyId: 'key-first' })
    })
    while (counter.runs === 0) await new Promise((r) => setImmediate(r)) // the first request's claim has landed
    const streamLength = async () => (await store.readStream(tokenStream(owner, 'tok'))).length
    const claimed = await streamLength()
    const retry = await writes.run(call('retry'), answering(counter, { KeyId: 'key-retry' }))
    assert.ok(E.isLeft(retry.result))
    if (E.isLeft(retry.result)) assert.equal([retry.result.left.code, retry.result.left.httpStatus], ['IdempotentRequestInProgress', 409])
    assert.is(retry.requestId, 'retry', 'the refusal goes out under the retry\'s own RequestId')
    assert.ok(waited >= 10_000 && waited < 10_100, `waited ${waited} ms for the first answer`)
    assert.is(counter.runs, 1, 'the retry ran nothing')
    assert.is(await streamLength(), claimed, 'the retry appended nothing')
    release()
    assert.equal(await first, { requestId: 'first', result: E.right({ KeyId: 'key-first' }) })
    const later = await writes.run(call('later'), answering(counter, { KeyId: 'key-later' }))
    assert.equal([later.requestId, later.result, counter.runs], ['first', E.right({ KeyId: 'key-first' }), 1])
  } finally {
    clock.uninstall()
  }
})

test.run()
