import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { leaseBatch, LeasedThrottle } from '../../../adapters/cluster/throttle-lease.ts'
import { DEFAULT_LIMITS, Throttle, type ActionGroup } from '../../../adapters/http/throttle.ts'

// Issue 13 item 9 with `serve --workers N` (docs/operations.md "Throttling"): the primary holds the buckets, each
// worker leases tokens in batches. What must hold: the workers together stay within one bucket's limit plus the
// documented bound (workers × batch), and at the default limits a call costs no IPC round trip (one lease serves a
// batch of calls). The primary is the real Throttle; the IPC channel is a function that counts its messages.

const cluster = (limits: ConstructorParameters<typeof Throttle>[0], workers: number, clock: { now: number }) => {
  const primary = new Throttle(limits, () => clock.now)
  let messages = 0
  const lease = (accountId: string, group: ActionGroup) => {
    messages++
    return Promise.resolve(primary.takeUpTo(accountId, group, leaseBatch(primary.limits[group], workers)))
  }
  const nodes = Array.from({ length: workers }, () => new LeasedThrottle(lease, () => clock.now))
  return { nodes, messages: () => messages, batch: (g: ActionGroup) => leaseBatch(primary.limits[g], workers) }
}

test('at the default limits, 2 workers serving 2,000 Encrypts of one account ask the primary a handful of times, not once per call', async () => {
  // given two workers leasing from the primary's default buckets
  const clock = { now: 0 }
  const c = cluster({}, 2, clock)
  assert.is(c.batch('cryptographic'), 500)
  // when 2,000 calls alternate between them
  let served = 0
  for (let i = 0; i < 2000; i++) if (await c.nodes[i % 2]!.take('acct-1', 'Encrypt')) served++
  // then every call is served, with one lease message per 500 calls a worker makes
  assert.is(served, 2000)
  assert.is(c.messages(), 4)
})

test('an account driven hard through 2 workers gets no more than one bucket allows plus workers × batch, over any stretch of time', async () => {
  // given a limit of 100/s, burst 400 (batch 5: a twentieth of a second's refill), two workers
  const clock = { now: 0 }
  const c = cluster({ cryptographic: { ratePerSecond: 100, burst: 400 } }, 2, clock)
  const batch = c.batch('cryptographic')
  assert.is(batch, 5)
  // when both workers take as fast as they can for 3 simulated seconds (1 ms steps, 10 calls a step each)
  let served = 0
  for (let ms = 0; ms <= 3000; ms++) {
    clock.now = ms
    for (let k = 0; k < 10; k++) for (const n of c.nodes) if (await n.take('acct-1', 'Decrypt')) served++
  }
  // then they served at most burst + rate × 3 s + 2 × batch, and not much less (no tokens lost to the batching)
  const oneBucket = 400 + 100 * 3
  assert.ok(served <= oneBucket + 2 * batch, `served ${served} > ${oneBucket} + ${2 * batch}`)
  assert.ok(served >= oneBucket - 2 * batch, `served ${served} well under ${oneBucket}`)
})

test('a worker that was refused does not ask the primary again until a token is due: a flood of refused calls costs no IPC', async () => {
  // given a bucket of 2 at one token per 10 s, emptied
  const clock = { now: 0 }
  const c = cluster({ read: { ratePerSecond: 0.1, burst: 2 } }, 2, clock)
  const [w1] = c.nodes
  assert.ok(await w1!.take('acct-1', 'ListKeys'))
  assert.ok(await w1!.take('acct-1', 'ListKeys'))
  assert.not.ok(await w1!.take('acct-1', 'ListKeys'))
  const asked = c.messages()
  // when 1,000 more calls arrive within the next 9 s
  for (let i = 0; i < 1000; i++) {
    clock.now = i * 9
    assert.is(w1!.take('acct-1', 'ListKeys'), false, 'refused at once, synchronously')
  }
  // then the primary was not asked, and once the token is due it is served again
  assert.is(c.messages(), asked)
  clock.now = 10_001
  assert.ok(await w1!.take('acct-1', 'ListKeys'))
})

test('concurrent calls on one worker share a lease; those it cannot serve ask again, so none is refused while the primary has tokens', async () => {
  // given a bucket of 3 with one-token leases (small limits lease one at a time)
  const clock = { now: 0 }
  const c = cluster({ management: { ratePerSecond: 0.001, burst: 3 } }, 2, clock)
  assert.is(c.batch('management'), 1)
  // when 5 calls arrive at once on one worker
  const answers = await Promise.all(Array.from({ length: 5 }, () => Promise.resolve(c.nodes[0]!.take('acct-1', 'CreateKey'))))
  // then exactly the 3 tokens are spent
  assert.equal(answers.filter(Boolean).length, 3)
})

test('the lease batch: a twentieth of a second of refill, at most a quarter of the burst shared by the workers, at least one', () => {
  assert.is(leaseBatch(DEFAULT_LIMITS.cryptographic, 2), 500)
  assert.is(leaseBatch(DEFAULT_LIMITS.management, 2), 25)
  assert.is(leaseBatch(DEFAULT_LIMITS.read, 4), 100)
  assert.is(leaseBatch({ ratePerSecond: 10_000, burst: 400 }, 4), 25)
  assert.is(leaseBatch({ ratePerSecond: 5, burst: 10 }, 2), 1)
})

test.run()
