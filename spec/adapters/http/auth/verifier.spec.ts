import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { InMemoryAccessKeyStore } from '../../../../adapters/http/auth/access-key-store.ts'
import { RequestVerifier } from '../../../../adapters/http/auth/verifier.ts'
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, sha256Hex } from '../../../../adapters/http/auth/acs3.ts'
import { toApiRequest } from '../../../../adapters/http/wire/request.ts'
import { signedQuery, utcSeconds } from '../../../support/signed-request.ts'

// The request verifier's refusals (adapters/http/auth/verifier.ts, API reference §3.1–§3.2): given a request that
// is correctly signed but for one thing, when it is verified, then it is refused with the vendor's code, HTTP
// status and message — the answer a client's SDK shows its user. Issue 20 item 1: the mutation run found these
// messages, the ACS3 header rules and the host list unpinned.

const T = new Date('2026-05-20T06:34:21Z')
const KEY = { id: 'ak', secret: 'secret-0123456789' }
const verifier = (o: { hosts?: string[]; enabled?: boolean; maxNoncesPerKey?: number } = {}) =>
  new RequestVerifier({
    keys: new InMemoryAccessKeyStore([{ accessKeyId: KEY.id, secret: KEY.secret, principal: 'acs:ram::1:root', accountId: '1', enabled: o.enabled ?? true }]),
    clock: { now: () => T },
    ...(o.hosts ? { hosts: o.hosts } : {}),
    ...(o.maxNoncesPerKey ? { maxNoncesPerKey: o.maxNoncesPerKey } : {}),
  })
type Answer = string | { code: string; status: number; message: string }
const answer = async (v: RequestVerifier, url: string, headers: Record<string, string | undefined> = {}, body: Buffer = Buffer.alloc(0)): Promise<Answer> => {
  const r = toApiRequest('POST', url, headers, body)
  if (E.isLeft(r)) return r.left.code
  const a = await v.verify(r.right)
  return E.isLeft(a) ? { code: a.left.code, status: a.left.httpStatus, message: a.left.message } : `ok ${a.right.scheme} ${a.right.accessKey.accessKeyId}`
}
const INCOMPLETE = 'The request signature does not conform to Alibaba Cloud standards. '
const incomplete = (why: string) => ({ code: 'IncompleteSignature', status: 400, message: INCOMPLETE + why })
const MISMATCH = 'Specified signature is not matched with our calculation.'

/** An RPC v1 query with `over` applied AFTER signing (undefined removes) or, with `signed`, before. */
const rpc = (over: Record<string, string | undefined>, o: { signed?: Record<string, string> } = {}) => {
  const q = new URLSearchParams(signedQuery(KEY, { Action: 'DescribeRegions', ...o.signed }, { now: T, nonce: `n-${Math.random()}` }))
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) q.delete(k)
    else q.set(k, v)
  }
  return `/?${q.toString()}`
}

test('RPC v1: each refusal before the signature is checked has its own code and message', async () => {
  const v = verifier()
  assert.equal(await answer(v, rpc({ SecurityToken: 't' })), {
    code: 'InvalidSecurityToken.NotSupported', status: 403, message: 'STS security tokens are not supported by this service; sign with an access key.',
  })
  assert.equal(await answer(v, '/?Action=DescribeRegions'), incomplete('The request is not signed.'))
  assert.equal(await answer(v, rpc({}), { authorization: 'ACS3-HMAC-SHA256 x' }), incomplete('Sign with either the Signature parameter or the Authorization header.'))
  assert.equal(await answer(v, rpc({ AccessKeyId: undefined })), { code: 'MissingParameter', status: 400, message: 'The parameter "AccessKeyId" is required.' })
  assert.equal(await answer(v, rpc({ SignatureMethod: 'HMAC-SHA256' })), incomplete('SignatureMethod must be HMAC-SHA1.'))
  assert.equal(await answer(v, rpc({ SignatureVersion: '2.0' })), incomplete('SignatureVersion must be 1.0.'))
  const illegal = {
    code: 'IllegalTimestamp', status: 400,
    message: 'The input parameter "Timestamp" that is mandatory for processing this request is not supplied or not valid; use UTC yyyy-MM-ddTHH:mm:ssZ.',
  }
  for (const ts of [undefined, '', '2026-05-20 06:34:21Z', '2026-05-20T06:34:21', '2026-13-20T06:34:21Z', 'x2026-05-20T06:34:21Z'])
    assert.equal(await answer(v, rpc({ Timestamp: ts })), illegal, String(ts))
  assert.equal(await answer(v, rpc({ SignatureNonce: undefined })), { code: 'MissingParameter', status: 400, message: 'The parameter "SignatureNonce" is required.' })
  assert.equal(await answer(v, rpc({ SignatureNonce: 'a b' })), incomplete('SignatureNonce is 1 to 128 printable characters.'))
  assert.equal(await answer(v, rpc({ SignatureNonce: 'x'.repeat(129) })), incomplete('SignatureNonce is 1 to 128 printable characters.'))
  assert.equal(await answer(v, rpc({ AccessKeyId: 'nobody' })), { code: 'InvalidAccessKeyId.NotFound', status: 404, message: 'Specified access key is not found.' })
  assert.equal(await answer(v, rpc({ Signature: 'AAAA' })), { code: 'SignatureDoesNotMatch', status: 400, message: MISMATCH })
})

test('RPC v1: a fractional-second timestamp is accepted; a disabled key is refused after its signature holds', async () => {
  assert.is(await answer(verifier(), rpc({}, { signed: { Timestamp: '2026-05-20T06:34:21.123Z' } })), 'ok rpc-v1 ak')
  assert.equal(await answer(verifier({ enabled: false }), rpc({})), { code: 'Forbidden.AccessKey', status: 403, message: 'The access key is disabled.' })
  const q = rpc({})
  const v = verifier()
  assert.is(await answer(v, q), 'ok rpc-v1 ak')
  assert.equal(await answer(v, q), { code: 'SignatureNonceUsed', status: 400, message: 'Specified signature nonce was used already.' })
})

/** A signed ACS3 request; `over` changes headers after signing (undefined removes), `signedHeaders` overrides the list. */
const acs3 = (o: { over?: Record<string, string | undefined>; sign?: Record<string, string>; signedHeaders?: string[]; body?: string; host?: string } = {}) => {
  const body = o.body ?? 'KeyId=k'
  const headers: Record<string, string | undefined> = {
    host: o.host ?? 'kms.example:8443', 'content-type': 'application/x-www-form-urlencoded', 'x-acs-action': 'DescribeKey', 'x-acs-version': '2016-01-20',
    'x-acs-date': utcSeconds(T), 'x-acs-signature-nonce': `n-${Math.random()}`, 'x-acs-content-sha256': sha256Hex(body), ...o.sign,
  }
  const signedHeaders = o.signedHeaders ?? Object.keys(headers).sort()
  const payloadHash = sha256Hex(body) // the server hashes the body itself; the header only has to agree
  const signature = acs3Signature(KEY.secret, acs3StringToSign(acs3CanonicalRequest({ method: 'POST', path: '/', query: [], headers, signedHeaders, payloadHash })))
  const all = { ...headers, authorization: `ACS3-HMAC-SHA256 Credential=${KEY.id},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`, ...o.over }
  return [all, Buffer.from(body)] as const
}
const acs3Answer = async (v: RequestVerifier, req: readonly [Record<string, string | undefined>, Buffer]) => answer(v, '/', req[0], req[1])

test('ACS3: a correctly signed request passes; each rule of the Authorization header and its signed headers is refused with its reason', async () => {
  const v = verifier()
  assert.is(await acs3Answer(v, acs3()), 'ok acs3 ak')
  assert.equal(await acs3Answer(v, acs3({ over: { authorization: 'ACS3-HMAC-SHA256 Credential=ak' } })),
    incomplete('Authorization is ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<h;…>,Signature=<hex>.'))
  const all = Object.keys(acs3()[0]).filter((h) => h !== 'authorization').sort()
  assert.equal(await acs3Answer(v, acs3({ signedHeaders: [...all].reverse() })), incomplete('SignedHeaders are lowercase, sorted and unique.'))
  assert.equal(await acs3Answer(v, acs3({ signedHeaders: [all[0]!, ...all] })), incomplete('SignedHeaders are lowercase, sorted and unique.'))
  assert.equal(await acs3Answer(v, acs3({ signedHeaders: [...all, all.at(-1)!] })), incomplete('SignedHeaders are lowercase, sorted and unique.'), 'the last one repeated')
  for (const h of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'])
    assert.equal(await acs3Answer(v, acs3({ signedHeaders: all.filter((x) => x !== h) })), incomplete(`SignedHeaders must include ${h}.`), h)
  assert.equal(await acs3Answer(v, acs3({ signedHeaders: [...all, 'x-other'].sort() })), incomplete('The signed header x-other is missing.'))
  // a header that changes what the request means must be signed: content-type and any x-acs-*, not others
  assert.equal(await acs3Answer(v, acs3({ signedHeaders: all.filter((x) => x !== 'content-type') })), incomplete('The header content-type must be signed.'))
  assert.equal(await acs3Answer(v, acs3({ over: { 'x-acs-extra': '1' } })), incomplete('The header x-acs-extra must be signed.'))
  assert.is(await acs3Answer(v, acs3({ over: { 'user-agent': 'sdk' } })), 'ok acs3 ak')
  // a header the record lists without a value is absent (as for the signed-header check above): nothing to sign
  assert.is(await acs3Answer(v, acs3({ over: { 'x-acs-extra': undefined } })), 'ok acs3 ak')
  assert.equal(await acs3Answer(v, acs3({ sign: { 'x-acs-date': '2026-05-20T06:34:21' } })), {
    code: 'IllegalTimestamp', status: 400,
    message: 'The input parameter "x-acs-date" that is mandatory for processing this request is not supplied or not valid; use UTC yyyy-MM-ddTHH:mm:ssZ.',
  })
  // a well-formed date outside the window (15 minutes behind, 5 ahead) is the window's refusal
  assert.equal(await acs3Answer(v, acs3({ sign: { 'x-acs-date': '2026-05-20T06:40:22Z' } })), {
    code: 'InvalidTimeStamp.Expired', status: 400, message: 'Specified time stamp or date value is expired or too far in the future.',
  })
  assert.equal(await acs3Answer(v, acs3({ sign: { 'x-acs-signature-nonce': 'a b' } })), incomplete('x-acs-signature-nonce is 1 to 128 printable characters.'))
  assert.equal(await acs3Answer(v, acs3({ sign: { 'x-acs-content-sha256': sha256Hex('other') } })), {
    code: 'SignatureDoesNotMatch', status: 400, message: `${MISMATCH} x-acs-content-sha256 is not the SHA-256 of the body.`,
  })
  // the payload hash in capitals is the same hash
  const upper = acs3({ sign: { 'x-acs-content-sha256': sha256Hex('KeyId=k').toUpperCase() } })
  assert.is(await acs3Answer(v, upper), 'ok acs3 ak')
  assert.equal(await acs3Answer(v, acs3({ sign: { 'x-acs-security-token': 't' } })), {
    code: 'InvalidSecurityToken.NotSupported', status: 403, message: 'STS security tokens are not supported by this service; sign with an access key.',
  })
})

test('ACS3 with a host list: a listed name:port matches exactly, a bare name on any port, case-insensitively; another host is refused', async () => {
  const v = verifier({ hosts: ['kms.example:8443', 'Bare.Example'] })
  assert.is(await acs3Answer(v, acs3({ host: 'kms.example:8443' })), 'ok acs3 ak')
  assert.is(await acs3Answer(v, acs3({ host: 'KMS.example:8443' })), 'ok acs3 ak')
  assert.is(await acs3Answer(v, acs3({ host: 'bare.example:1234' })), 'ok acs3 ak')
  assert.is(await acs3Answer(v, acs3({ host: 'bare.example' })), 'ok acs3 ak')
  assert.equal(await acs3Answer(v, acs3({ host: 'kms.example:9999' })), {
    code: 'SignatureDoesNotMatch', status: 400, message: `${MISMATCH} The request was signed for host "kms.example:9999", which this server does not answer for.`,
  })
  assert.equal((await acs3Answer(v, acs3({ host: 'kms.example' })) as { code: string }).code, 'SignatureDoesNotMatch')
  assert.equal((await acs3Answer(v, acs3({ host: 'other.example:8443' })) as { code: string }).code, 'SignatureDoesNotMatch')
  // without a list, any host
  assert.is(await acs3Answer(verifier(), acs3({ host: 'anything:1' })), 'ok acs3 ak')
})

test('ACS3 host list: spaces around the Host are not part of it; a port after the listed name:port is another host', async () => {
  const v = verifier({ hosts: ['kms.example:8443'] })
  assert.is(await acs3Answer(v, acs3({ host: ' kms.example:8443 ' })), 'ok acs3 ak')
  assert.equal((await acs3Answer(v, acs3({ host: 'kms.example:8443:1' })) as { code: string }).code, 'SignatureDoesNotMatch')
})

test('ACS3 host list: an IPv6 literal is a bare name ([::1] on any port) or an exact name:port ([::1]:8443)', async () => {
  const bare = verifier({ hosts: ['[::1]'] })
  assert.is(await acs3Answer(bare, acs3({ host: '[::1]:8443' })), 'ok acs3 ak')
  assert.is(await acs3Answer(bare, acs3({ host: '[::1]' })), 'ok acs3 ak')
  assert.equal((await acs3Answer(bare, acs3({ host: '[::2]:8443' })) as { code: string }).code, 'SignatureDoesNotMatch')
  const exact = verifier({ hosts: ['[::1]:8443'] })
  assert.is(await acs3Answer(exact, acs3({ host: '[::1]:8443' })), 'ok acs3 ak')
  assert.equal((await acs3Answer(exact, acs3({ host: '[::1]:9999' })) as { code: string }).code, 'SignatureDoesNotMatch')
})

test('ACS3 host list: the refusal quotes at most 255 characters of a foreign Host', async () => {
  const long = `${'h'.repeat(300)}.example`
  assert.equal(await acs3Answer(verifier({ hosts: ['kms.example'] }), acs3({ host: long })), {
    code: 'SignatureDoesNotMatch', status: 400,
    message: `${MISMATCH} The request was signed for host ${JSON.stringify('h'.repeat(255))}, which this server does not answer for.`,
  })
})

test('ACS3: an access key id the server does not know is InvalidAccessKeyId.NotFound, before any signature is computed', async () => {
  const [headers, body] = acs3()
  const stranger = { ...headers, authorization: headers['authorization'].replace(`Credential=${KEY.id},`, 'Credential=nobody,') }
  assert.equal(await acs3Answer(verifier(), [stranger, body]), { code: 'InvalidAccessKeyId.NotFound', status: 404, message: 'Specified access key is not found.' })
})

test('without a journal, settling (the server does it before every answer) has nothing to write and does not fail', () => {
  const v = verifier()
  assert.not.throws(() => v.settle())
  assert.not.throws(() => v.settle())
})

test('given an access key out of room for nonces in the window, when it signs another request, then 429 Rejected.Throttling (retry later)', async () => {
  const v = verifier({ maxNoncesPerKey: 1 })
  assert.is(await answer(v, rpc({})), 'ok rpc-v1 ak')
  assert.equal(await answer(v, rpc({})), {
    code: 'Rejected.Throttling', status: 429,
    message: 'QPS Limit Exceeded: too many requests with this access key within the replay window; retry later.',
  })
  assert.equal(await acs3Answer(v, acs3()), {
    code: 'Rejected.Throttling', status: 429,
    message: 'QPS Limit Exceeded: too many requests with this access key within the replay window; retry later.',
  })
})

test.run()
