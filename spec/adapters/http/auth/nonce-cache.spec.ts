import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { NonceCache, type NonceVerdict } from '../../../../adapters/http/auth/nonce-cache.ts'

// The nonce cache (adapters/http/auth/nonce-cache.ts, API reference §3.1 replay window) against a plain model
// (fast-check, model-based): a list per access key, expired entries filtered out. Given any sequence of requests
// (three keys, a few nonces, request times behind and ahead of a clock that only moves forward, tiny bounds so
// that the per-key limit and the fair share are reached), when each is remembered, then the cache answers as the
// model does (fresh, used or busy) and holds the same nonces per key. Issue 20 item 1: what protects replay
// refusal (a nonce forgotten early is a replay accepted) and the fair share (one key cannot lock others out),
// including the min-heap's order, which only a long mixed sequence exercises.

const BEHIND = 500
const MAX = 6
const PER_KEY = 4

class Model {
  readonly keys = new Map<string, { at: number; nonce: string }[]>()
  get total(): number {
    return [...this.keys.values()].reduce((n, l) => n + l.length, 0)
  }
  private expire(id: string, now: number): void {
    const kept = (this.keys.get(id) ?? []).filter((e) => e.at + BEHIND >= now)
    if (kept.length) this.keys.set(id, kept)
    else this.keys.delete(id)
  }
  remember(id: string, nonce: string, at: number, now: number): NonceVerdict {
    if (this.keys.has(id)) this.expire(id, now)
    if (this.keys.get(id)?.some((e) => e.nonce === nonce)) return 'used'
    if (this.total >= MAX) for (const k of [...this.keys.keys()]) this.expire(k, now)
    const held = this.keys.get(id)?.length ?? 0
    if (held >= PER_KEY) return 'busy'
    if (this.total >= MAX && held >= MAX / (this.keys.size + (this.keys.has(id) ? 0 : 1))) return 'busy'
    this.keys.set(id, [...(this.keys.get(id) ?? []), { at, nonce }])
    return 'fresh'
  }
}

const step = fc.record({
  key: fc.constantFrom('a', 'b', 'c'),
  nonce: fc.constantFrom('n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'),
  advance: fc.integer({ min: 0, max: 300 }),
  skew: fc.integer({ min: -BEHIND, max: BEHIND }),
})

test('any sequence of requests: the same verdicts and the same nonces per key as the model', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
      const cache = new NonceCache(BEHIND, MAX, PER_KEY)
      const model = new Model()
      let now = 1_000_000
      for (const [i, s] of steps.entries()) {
        now += s.advance
        const got = cache.remember(s.key, s.nonce, now + s.skew, now)
        const want = model.remember(s.key, s.nonce, now + s.skew, now)
        if (got !== want) throw new Error(`step ${i}: ${got}, the model says ${want}`)
        for (const k of ['a', 'b', 'c']) if (cache.sizeOf(k) !== (model.keys.get(k)?.length ?? 0)) throw new Error(`step ${i}: key ${k} holds ${cache.sizeOf(k)}`)
        if (cache.size !== model.total) throw new Error(`step ${i}: ${cache.size} held, the model holds ${model.total}`)
      }
    }),
    { numRuns: 400, seed: 20 },
  )
})

test('a nonce is remembered until its request time is more than the window behind the clock, and not a millisecond less', () => {
  const cache = new NonceCache(BEHIND)
  assert.is(cache.remember('a', 'n', 1000, 1000), 'fresh')
  assert.is(cache.remember('a', 'n', 1000, 1000 + BEHIND), 'used') // at the edge: still within the window
  assert.is(cache.remember('a', 'n', 1000, 1001 + BEHIND), 'fresh') // expired, forgotten, taken again
  assert.is(cache.size, 1)
})

test('expiry takes the oldest entries first, whatever order they came in (the heap), and keeps the live ones', () => {
  const cache = new NonceCache(100)
  const times = [50, 10, 90, 30, 70, 20, 80, 60, 40]
  for (const t of times) cache.remember('a', `n${t}`, 1000 + t, 1000)
  // at 1165 the entries at 1010..1060 have expired (at + 100 < 1165), 1070..1090 have not
  assert.is(cache.remember('a', 'probe', 1165, 1165), 'fresh')
  for (const t of [70, 80, 90]) assert.is(cache.remember('a', `n${t}`, 1165, 1165), 'used', `n${t} is live`)
  for (const t of [10, 30, 60]) assert.is(cache.remember('a', `n${t}`, 1165, 1165), 'fresh', `n${t} expired`)
  assert.is(cache.sizeOf('a'), 7)
  assert.is(cache.sizeOf('nobody'), 0)
})

test('mutation-found (issue 20): a key whose nonces have all expired no longer counts as a holder: the two keys still holding share the full cache by halves', () => {
  // given c's one nonce, then a and b filling the cache (MAX 6) at a time when c's has expired
  const cache = new NonceCache(BEHIND, MAX, PER_KEY)
  assert.is(cache.remember('c', 'c1', 1000, 1000), 'fresh')
  const now = 1001 + BEHIND
  for (const n of ['a1', 'a2', 'a3', 'a4']) assert.is(cache.remember('a', n, now, now), 'fresh')
  assert.is(cache.remember('b', 'b1', now, now), 'fresh')
  // when the cache is full, the sweep drops c's expired nonce (and c with it)
  assert.is(cache.remember('b', 'b2', now, now), 'fresh')
  assert.is(cache.sizeOf('c'), 0)
  // then b's fair share is 6 / 2 holders = 3, not 6 / 3 as if c still held room
  assert.is(cache.remember('b', 'b3', now, now), 'fresh')
  assert.is(cache.remember('b', 'b4', now, now), 'busy')
  assert.is(cache.size, 7)
})

test.run()
