import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { InMemoryAccessKeyStore } from '../../../../adapters/http/auth/access-key-store.ts'
import { RequestVerifier } from '../../../../adapters/http/auth/verifier.ts'
import { NonceCache } from '../../../../adapters/http/auth/nonce-cache.ts'
import { toApiRequest } from '../../../../adapters/http/wire/request.ts'
import { signedQuery, utcSeconds } from '../../../support/signed-request.ts'

// Replay protection (API reference §3.1): a 15-minute timestamp window and nonces remembered for it.

const T = new Date('2026-05-20T06:34:21Z')
const KEY = { id: 'ak', secret: 'secret-0123456789' }
let now = T
const verifier = (o: { maxNonces?: number; enabled?: boolean } = {}) => new RequestVerifier({
  keys: new InMemoryAccessKeyStore([{ accessKeyId: KEY.id, secret: KEY.secret, principal: 'acs:ram::1:root', accountId: '1', enabled: o.enabled ?? true }]),
  clock: { now: () => now },
  windowSeconds: 900,
  ...(o.maxNonces ? { maxNonces: o.maxNonces } : {}),
})
const verify = async (v: RequestVerifier, query: string, headers: Record<string, string> = {}) => {
  const r = toApiRequest('POST', `/?${query}`, headers, Buffer.alloc(0))
  if (E.isLeft(r)) return r.left.code
  const a = await v.verify(r.right)
  return E.isLeft(a) ? a.left.code : 'ok'
}
const minutes = (m: number) => new Date(T.getTime() + m * 60_000)

test('a request up to 15 minutes behind or 5 minutes ahead is accepted; beyond is InvalidTimeStamp.Expired', async () => {
  now = T
  const v = verifier()
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(-15) })), 'ok')
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(5) })), 'ok')
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(-15.1) })), 'InvalidTimeStamp.Expired')
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(5.1) })), 'InvalidTimeStamp.Expired')
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(15) })), 'InvalidTimeStamp.Expired')
})

test('a missing or malformed Timestamp is IllegalTimestamp', async () => {
  now = T
  const q = signedQuery(KEY, { Action: 'DescribeRegions', Timestamp: '20 May 2026' }, { now: T })
  assert.is(await verify(verifier(), q), 'IllegalTimestamp')
})

test('a replayed request is SignatureNonceUsed, even after a restart of the clock within the window', async () => {
  now = T
  const v = verifier()
  const q = signedQuery(KEY, { Action: 'DescribeRegions' }, { now: T })
  assert.is(await verify(v, q), 'ok')
  assert.is(await verify(v, q), 'SignatureNonceUsed')
  now = minutes(14)
  assert.is(await verify(v, q), 'SignatureNonceUsed')
  now = minutes(16) // past the window the timestamp refuses it instead
  assert.is(await verify(v, q), 'InvalidTimeStamp.Expired')
})

test('a bad signature does not burn the nonce', async () => {
  now = T
  const v = verifier()
  const good = signedQuery(KEY, { Action: 'DescribeRegions' }, { now: T, nonce: 'n-1' })
  const forged = good.replace(/Signature=[^&]+/, 'Signature=AAAAAAAAAAAAAAAAAAAAAAAAAAA%3D')
  assert.is(await verify(v, forged), 'SignatureDoesNotMatch')
  assert.is(await verify(v, good), 'ok')
})

test('a client with a fast clock cannot lock the others out (driven clock, small caches)', async () => {
  now = T
  const FAST = { id: 'fast', secret: 'secret-fast-0123456' }
  const v = new RequestVerifier({
    keys: new InMemoryAccessKeyStore([
      { accessKeyId: KEY.id, secret: KEY.secret, principal: 'acs:ram::1:root', accountId: '1', enabled: true },
      { accessKeyId: FAST.id, secret: FAST.secret, principal: 'acs:ram::2:root', accountId: '2', enabled: true },
    ]),
    clock: { now: () => now }, windowSeconds: 900, maxNonces: 8, maxNoncesPerKey: 5,
  })
  // given a client whose clock runs 5 minutes ahead sends as much as it may
  const fast = []
  for (let i = 0; i < 8; i++) fast.push(await verify(v, signedQuery(FAST, { Action: 'DescribeRegions' }, { now: minutes(5), nonce: `f-${i}` })))
  assert.equal(fast, ['ok', 'ok', 'ok', 'ok', 'ok', 'Rejected.Throttling', 'Rejected.Throttling', 'Rejected.Throttling'])
  // then an honest client with the right time, and one slightly behind, still get through
  for (let i = 0; i < 4; i++) assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(-i), nonce: `k-${i}` })), 'ok', `k-${i}`)
  // and the cache is full: the honest key may still use its fair share, the fast one nothing more
  assert.is(await verify(v, signedQuery(FAST, { Action: 'DescribeRegions' }, { now: minutes(5), nonce: 'f-x' })), 'Rejected.Throttling')
  // and a replay is still refused, never let through for want of room
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(-1), nonce: 'k-1' })), 'SignatureNonceUsed')
  // when the fast client's entries expire (15 minutes after their time), it has room again
  now = minutes(20.5)
  assert.is(await verify(v, signedQuery(FAST, { Action: 'DescribeRegions' }, { now: minutes(21), nonce: 'f-later' })), 'ok')
})

test('nonce memory stays bounded under many keys and a driven clock; nothing live is dropped', () => {
  const cache = new NonceCache(1000, 100, 40)
  const t0 = T.getTime()
  let fresh = 0
  for (let i = 0; i < 5000; i++) {
    const r = cache.remember(`key-${i % 13}`, `n-${i}`, t0, t0)
    if (r === 'fresh') fresh++
    assert.ok(cache.size < 200, `size ${cache.size}`)
    for (let k = 0; k < 13; k++) assert.ok(cache.sizeOf(`key-${k}`) <= 40)
  }
  assert.ok(fresh > 0 && fresh < 200)
  // every nonce accepted is still refused as used while its time is within the window
  assert.is(cache.remember('key-0', 'n-0', t0, t0 + 1000), 'used')
  // and once the window has passed, memory is given back
  assert.is(cache.remember('key-0', 'n-new', t0 + 1001, t0 + 1001), 'fresh')
  assert.is(cache.sizeOf('key-0'), 1)
})

test('entries leave by smallest request time, not by arrival: a future-dated nonce outlives older ones', () => {
  const cache = new NonceCache(1000, 10, 10)
  assert.is(cache.remember('k', 'future', 1500, 1000), 'fresh')
  assert.is(cache.remember('k', 'past', 500, 1000), 'fresh')
  assert.is(cache.remember('k', 'now', 1000, 1000), 'fresh')
  assert.is(cache.remember('k', 'probe', 1000, 1600), 'fresh') // 'past' (500) expired at 1500
  assert.is(cache.sizeOf('k'), 3)
  assert.is(cache.remember('k', 'future', 1500, 2400), 'used')
  assert.is(cache.remember('k', 'past', 500, 1600), 'fresh') // forgotten; its timestamp would refuse it in the verifier
})

test('STS tokens are refused clearly, as a parameter or a header', async () => {
  now = T
  assert.is(await verify(verifier(), signedQuery(KEY, { Action: 'DescribeRegions', SecurityToken: 'tok' }, { now: T })), 'InvalidSecurityToken.NotSupported')
  assert.is(await verify(verifier(), signedQuery(KEY, { Action: 'DescribeRegions' }, { now: T }), { 'x-acs-security-token': 'tok' }), 'InvalidSecurityToken.NotSupported')
})

test('unknown access key is InvalidAccessKeyId.NotFound; a disabled one Forbidden.AccessKey; unsigned IncompleteSignature', async () => {
  now = T
  assert.is(await verify(verifier(), signedQuery({ id: 'other', secret: KEY.secret }, { Action: 'DescribeRegions' }, { now: T })), 'InvalidAccessKeyId.NotFound')
  assert.is(await verify(verifier({ enabled: false }), signedQuery(KEY, { Action: 'DescribeRegions' }, { now: T })), 'Forbidden.AccessKey')
  assert.is(await verify(verifier(), `Action=DescribeRegions&Timestamp=${encodeURIComponent(utcSeconds(T))}`), 'IncompleteSignature')
  assert.is(await verify(verifier(), signedQuery(KEY, { Action: 'DescribeRegions', SignatureMethod: 'HMAC-SHA256' }, { now: T })), 'IncompleteSignature')
  assert.is(await verify(verifier(), 'Action=X', { authorization: 'Bearer x' }), 'IncompleteSignature')
})

test.run()
