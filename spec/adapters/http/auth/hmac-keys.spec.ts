import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { AccessKey, AccessKeyStore } from '../../../../domain/ports/access-keys.ts'
import { RequestVerifier } from '../../../../adapters/http/auth/verifier.ts'
import { HmacKeys, MAX_HMAC_KEYS, MAX_IDLE_MS } from '../../../../adapters/http/auth/hmac-keys.ts'
import { toApiRequest } from '../../../../adapters/http/wire/request.ts'
import { signedQuery } from '../../../support/signed-request.ts'

// Issue 11, review finding on the RPC v1 HMAC-key cache (adapters/http/auth/hmac-keys.ts): it was keyed by the
// access-key secret and kept up to 1,024 secrets for the process's life, those of disabled and deleted keys
// included. Now one entry per access key id, dropped when the store finds the key gone or disabled, replaced when
// the stored secret differs (rotated); and a cached key never changes an answer: the old secret stops signing at once.

const T = new Date('2026-05-20T06:34:21Z')

/** An access key store the test edits, as `keyledger access-keys` edits the data dir's while the server runs. */
class EditableKeys implements AccessKeyStore {
  readonly keys = new Map<string, AccessKey>()
  put(id: string, secret: string, enabled = true): void {
    this.keys.set(id, { accessKeyId: id, secret, principal: 'acs:ram::1:root', accountId: '1', enabled })
  }
  async find(id: string): Promise<AccessKey | undefined> {
    return this.keys.get(id)
  }
}

let n = 0
const world = () => {
  const store = new EditableKeys()
  const verifier = new RequestVerifier({ keys: store, clock: { now: () => T } })
  const call = async (id: string, secret: string): Promise<string> => {
    const r = toApiRequest('POST', `/?${signedQuery({ id, secret }, { Action: 'DescribeRegions' }, { now: T, nonce: `n-${++n}` })}`, {}, Buffer.alloc(0))
    if (E.isLeft(r)) return r.left.code
    const a = await verifier.verify(r.right)
    return E.isLeft(a) ? a.left.code : 'ok'
  }
  return { store, verifier, call }
}

test('issue 11 finding: given an access key that signed, when its secret is rotated in the store, then the old secret is refused at once and the new one signs', async () => {
  const { store, verifier, call } = world()
  store.put('ak', 'secret-old-0123456789')
  assert.is(await call('ak', 'secret-old-0123456789'), 'ok')
  assert.ok(verifier.hmacKeys.holds('ak'), 'kept while the key signs')
  store.put('ak', 'secret-new-0123456789')
  assert.is(await call('ak', 'secret-old-0123456789'), 'SignatureDoesNotMatch', 'the kept HMAC key of the old secret is not used')
  assert.is(await call('ak', 'secret-new-0123456789'), 'ok')
})

test('issue 11 finding: given an access key that signed, when it is disabled, then its request is still refused as disabled and nothing of it is kept', async () => {
  const { store, verifier, call } = world()
  store.put('ak', 'secret-0123456789')
  assert.is(await call('ak', 'secret-0123456789'), 'ok')
  store.put('ak', 'secret-0123456789', false)
  assert.is(await call('ak', 'secret-0123456789'), 'Forbidden.AccessKey')
  assert.is(await call('ak', 'wrong-secret-0123456'), 'SignatureDoesNotMatch', 'a disabled key still checks the signature first')
  assert.not.ok(verifier.hmacKeys.holds('ak'))
})

test('issue 11 finding: given an access key that signed, when it is deleted, then the next request naming it is refused and its entry dropped', async () => {
  const { store, verifier, call } = world()
  store.put('ak', 'secret-0123456789')
  assert.is(await call('ak', 'secret-0123456789'), 'ok')
  store.keys.delete('ak')
  assert.is(await call('ak', 'secret-0123456789'), 'InvalidAccessKeyId.NotFound')
  assert.not.ok(verifier.hmacKeys.holds('ak'))
})

test('issue 11 finding: given more signing access keys than the bound, when each signs, then the oldest entries go and every one still verifies', () => {
  const keys = new HmacKeys()
  const key = (i: number): AccessKey => ({ accessKeyId: `ak${i}`, secret: `s${i}`, principal: 'acs:ram::1:root', accountId: '1', enabled: true })
  const first = keys.hmac(key(0), 'rpc-v1', 'sha1', 'x').toString('base64')
  for (let i = 1; i <= MAX_HMAC_KEYS; i++) keys.hmac(key(i), 'acs3', 'sha256', 'x')
  assert.not.ok(keys.holds('ak0'), 'the oldest went')
  assert.ok(keys.holds(`ak${MAX_HMAC_KEYS}`))
  assert.is(keys.hmac(key(0), 'rpc-v1', 'sha1', 'x').toString('base64'), first, 'and verifies again, made afresh')
})

test('second review of issue 11: given an access key deleted by another process (never looked up here again), when it stays unused for MAX_IDLE_MS, then its secret is no longer kept, while a key in use stays', () => {
  let now = 0
  const keys = new HmacKeys(() => now)
  const key = (i: number): AccessKey => ({ accessKeyId: `ak${i}`, secret: `s${i}`, principal: 'acs:ram::1:root', accountId: '1', enabled: true })
  keys.hmac(key(1), 'rpc-v1', 'sha1', 'x')
  keys.hmac(key(2), 'rpc-v1', 'sha1', 'x')
  now = MAX_IDLE_MS / 2
  keys.hmac(key(1), 'acs3', 'sha256', 'x') // ak1 keeps signing; ak2 was deleted elsewhere and is never named again
  now = MAX_IDLE_MS + 1
  keys.sweep()
  assert.not.ok(keys.holds('ak2'), 'the idle entry aged out')
  assert.ok(keys.holds('ak1'), 'the one used within MAX_IDLE_MS stays')
  now = 2 * MAX_IDLE_MS
  keys.sweep()
  assert.not.ok(keys.holds('ak1'))
})

test.run()
