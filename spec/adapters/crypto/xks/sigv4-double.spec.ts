import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { IncomingHttpHeaders } from 'node:http'
import aws4 from 'aws4'
import { sigV4Problem, sigV4Signature, XKS_SERVICE } from '../../../support/xks-sigv4-verifier.ts'

// Issue 15 item 1: the XKS proxy double checks SigV4 (XKS Proxy API Appendix A) with its own code, independent of
// the aws4 library keyledger signs with (spec/support/xks-sigv4-verifier.ts). Here that code is pinned to AWS's
// published SigV4 test suite (aws-sig-v4-test-suite: get-vanilla and post-vanilla, credential AKIDEXAMPLE), and
// each part of a request it must cover is shown to matter: a check that passed anything would fail this file.

const SUITE = { secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', amzDate: '20150830T123600Z', region: 'us-east-1', service: 'service' }
const vanilla = (method: string) => sigV4Signature({
  method, path: '/', headers: { host: 'example.amazonaws.com', 'x-amz-date': SUITE.amzDate }, signedHeaders: 'host;x-amz-date', body: Buffer.alloc(0), ...SUITE,
}).toString('hex')

test('given the AWS SigV4 test suite\'s get-vanilla and post-vanilla requests, then the double computes their published signatures', () => {
  assert.is(vanilla('GET'), '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31')
  assert.is(vanilla('POST'), '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b')
})

const KEY_ID = 'AKIAI2SFODNN7EXAMPLEXKS1'
const SECRET = 'c2VjcmV0LW9mLXRoZS14a3MtcHJveHktZG91YmxlLTE='
const PATH = '/tenant-a/kms/xks/v1/keys/ekm-1/encrypt'
const BODY = JSON.stringify({ requestMetadata: { kmsOperation: 'Encrypt', kmsRequestId: 'r-1' }, plaintext: 'aGk=' })

/** A request signed as keyledger's XKS client signs it (aws4, adapters/crypto/xks/client.ts), headers as Node reads them. */
const signed = (o: { service?: string; secret?: string; date?: Date } = {}) => {
  const r = aws4.sign({
    host: 'localhost:8443', method: 'POST', path: PATH, body: BODY, service: o.service ?? XKS_SERVICE, region: 'cn-hangzhou',
    headers: { 'Content-Type': 'application/json', ...(o.date ? { 'X-Amz-Date': o.date.toISOString().replace(/[-:]|\.\d{3}/g, '') } : {}) },
  }, { accessKeyId: KEY_ID, secretAccessKey: o.secret ?? SECRET })
  return Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])) as IncomingHttpHeaders
}
const check = (headers: IncomingHttpHeaders, over: { path?: string; body?: string; now?: Date } = {}) => sigV4Problem({
  method: 'POST', path: over.path ?? PATH, headers, body: Buffer.from(over.body ?? BODY), secrets: new Map([[KEY_ID, SECRET]]), now: over.now ?? new Date(),
})

test('given a request signed by keyledger\'s signer (aws4), then the double accepts it', () => {
  assert.is(check(signed()), undefined)
})

test('given a signed request, when its body, path, host or date is changed after signing, then the double refuses it', () => {
  const h = signed()
  assert.is(check(h, { body: BODY.replace('aGk=', 'aGo=') }), 'signature does not match')
  assert.is(check(h, { path: PATH.replace('ekm-1', 'ekm-2') }), 'signature does not match')
  assert.is(check({ ...h, host: 'localhost:8444' }), 'signature does not match')
  assert.is(check({ ...h, 'x-amz-date': h['x-amz-date']!.toString().replace(/\d{2}Z$/, (s) => `${(Number(s.slice(0, 2)) + 1) % 60}`.padStart(2, '0') + 'Z') }), 'signature does not match')
})

test('given a wrong secret, an unknown access key id, another service or no Authorization, then the double refuses (AuthenticationFailedException)', () => {
  assert.is(check(signed({ secret: 'another-secret' })), 'signature does not match')
  const h = signed()
  assert.is(check({ ...h, authorization: String(h.authorization).replace(KEY_ID, 'AKIAOTHERKEYEXAMPLE00000') }), 'unknown access key id')
  assert.is(check(signed({ service: 'kms' })), `service kms is not ${XKS_SERVICE}`)
  const { authorization: _dropped, ...unsigned } = h
  assert.is(check(unsigned), 'no AWS4-HMAC-SHA256 Authorization header')
})

test('given a request signed more than 5 minutes from the proxy\'s clock (Appendix A), then the double refuses it; within 5 minutes it accepts', () => {
  const signedAt = new Date(Date.UTC(2026, 11, 2, 12, 0, 0))
  const h = signed({ date: signedAt })
  assert.is(check(h, { now: new Date(signedAt.getTime() + 299_000) }), undefined)
  assert.is(check(h, { now: new Date(signedAt.getTime() + 301_000) }), 'request time more than 5 minutes off')
  assert.is(check(h, { now: new Date(signedAt.getTime() - 301_000) }), 'request time more than 5 minutes off')
})

test('given a signature that leaves host or x-amz-date unsigned, then the double refuses it', () => {
  const h = signed()
  const auth = String(h.authorization)
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)![1]!
  assert.is(check({ ...h, authorization: auth.replace(signedHeaders, signedHeaders.split(';').filter((n) => n !== 'host').join(';')) }), 'host and x-amz-date must be signed')
})

test.run()
