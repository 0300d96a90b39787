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

test('a request within 15 minutes either way is accepted; beyond is InvalidTimeStamp.Expired', async () => {
  now = T
  const v = verifier()
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(-15) })), 'ok')
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(15) })), 'ok')
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(-15.1) })), 'InvalidTimeStamp.Expired')
  assert.is(await verify(v, signedQuery(KEY, { Action: 'DescribeRegions' }, { now: minutes(16) })), 'InvalidTimeStamp.Expired')
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

test('nonce memory is bounded; a request older than the evicted ones is refused rather than replayable', () => {
  const cache = new NonceCache(900_000, 3)
  const t0 = T.getTime()
  assert.ok(cache.remember('a', t0, t0))
  assert.ok(cache.remember('b', t0 + 1000, t0))
  assert.ok(cache.remember('c', t0 + 2000, t0))
  assert.ok(cache.remember('d', t0 + 3000, t0))
  assert.is(cache.size, 3)
  assert.not.ok(cache.remember('a', t0, t0)) // 'a' was evicted, but its time is at the floor
  assert.not.ok(cache.remember('d', t0 + 3000, t0))
  assert.ok(cache.remember('e', t0 + 4000, t0))
})

test('expired nonces are forgotten', () => {
  const cache = new NonceCache(1000, 10)
  cache.remember('a', 0, 0)
  cache.remember('b', 10, 0)
  cache.remember('c', 5000, 5000)
  assert.is(cache.size, 1)
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
