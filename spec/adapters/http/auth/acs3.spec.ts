import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { InMemoryAccessKeyStore } from '../../../../adapters/http/auth/access-key-store.ts'
import {
  acs3CanonicalRequest, acs3Signature, acs3StringToSign, parseAcs3Authorization, sha256Hex, type Acs3Input,
} from '../../../../adapters/http/auth/acs3.ts'
import { RequestVerifier } from '../../../../adapters/http/auth/verifier.ts'
import { toApiRequest } from '../../../../adapters/http/wire/request.ts'
import type { CapturedRequest } from '../../../support/signature-vectors.ts'

// ACS3-HMAC-SHA256's canonical request (adapters/http/auth/acs3.ts, API reference §3.2, as @alicloud/openapi-core
// builds it), checked in process against texts written out by hand: the query sorted by name in code-unit order
// whatever order the client sent it in, the path's `+`, `*` and `%7E` canonicalized, header values trimmed. The
// vendor's published example (spec/vectors/vendor-signature-examples.json) anchors it: its query sent in
// another order still verifies. Issue 20 item 1: the SDK captures all send a sorted query at `/` with trimmed
// headers, so none of these rules was pinned by them.

const X = (JSON.parse(readFileSync(fileURLToPath(new URL('../../../vectors/vendor-signature-examples.json', import.meta.url)), 'utf8')) as {
  acs3: CapturedRequest & { accessKeyId: string; accessKeySecret: string; canonicalRequest: string; signature: string }
}).acs3

const EMPTY_HASH = sha256Hex('')
const input = (over: Partial<Acs3Input>): Acs3Input => ({
  method: 'POST', path: '/', query: [], headers: { host: 'kms.example' }, signedHeaders: ['host'], payloadHash: EMPTY_HASH, ...over,
})

test('given the vendor example with its query sent in reverse order, when canonicalized, then the query is sorted as documented', () => {
  const [, query = ''] = X.rawUrl.split('?') as [string, string?]
  const reversed = [...new URLSearchParams(query)].reverse()
  assert.is(reversed[0]![0], 'RegionId', 'the example is really sent unsorted here')
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(X.headers['authorization']!)![1]!.split(';')
  const canonical = acs3CanonicalRequest({ method: X.method, path: '/', query: reversed, headers: X.headers, signedHeaders, payloadHash: EMPTY_HASH })
  assert.is(canonical, X.canonicalRequest)
  assert.is(acs3Signature(X.accessKeySecret, acs3StringToSign(canonical)), X.signature)
})

test('given the vendor example as it goes over the wire but with its query reordered, when verified, then it is accepted', async () => {
  const [path, query = ''] = X.rawUrl.split('?') as [string, string?]
  const reordered = `${path}?${query.split('&').reverse().join('&')}`
  assert.is.not(reordered, X.rawUrl)
  const req = toApiRequest(X.method, reordered, X.headers, Buffer.from(X.body))
  if (E.isLeft(req)) return assert.unreachable(req.left.message)
  const verifier = new RequestVerifier({
    keys: new InMemoryAccessKeyStore([{ accessKeyId: X.accessKeyId, secret: X.accessKeySecret, principal: 'acs:ram::1:root', accountId: '1', enabled: true }]),
    clock: { now: () => new Date(X.headers['x-acs-date']!) },
  })
  const r = await verifier.verify(req.right)
  if (E.isLeft(r)) assert.unreachable(`${r.left.code}: ${r.left.message}`)
})

test('given query parameters in any order, when canonicalized, then they are sorted by name in code-unit order (capitals first)', () => {
  const sorted = 'A=1&B.1=x%20y&Tag.1.Key=k&a=3&b=2'
  const pairs: [string, string][] = [['A', '1'], ['B.1', 'x y'], ['Tag.1.Key', 'k'], ['a', '3'], ['b', '2']]
  const orders = [pairs, [...pairs].reverse(), [pairs[2]!, pairs[4]!, pairs[0]!, pairs[3]!, pairs[1]!], [pairs[3]!, pairs[1]!, pairs[4]!, pairs[2]!, pairs[0]!]]
  for (const query of orders) assert.is(acs3CanonicalRequest(input({ query })).split('\n')[2], sorted, JSON.stringify(query))
  // names and values are percent-encoded as both schemes do (`*` and space encoded, `~` kept)
  assert.is(acs3CanonicalRequest(input({ query: [['k*', 'a~b c']] })).split('\n')[2], 'k%2A=a~b%20c')
})

test('given a path with +, * or %7E, when canonicalized, then + is %20, * is %2A and %7E is ~ (openapi-core), everywhere in the path', () => {
  const line = (path: string) => acs3CanonicalRequest(input({ path })).split('\n')[1]
  assert.is(line('/'), '/')
  assert.is(line('/a+b'), '/a%20b')
  assert.is(line('/a*b'), '/a%2Ab')
  assert.is(line('/a%7Eb'), '/a~b')
  assert.is(line('/+x+/*y*/%7Ez%7E'), '/%20x%20/%2Ay%2A/~z~')
})

test('given header values with surrounding spaces, when canonicalized, then each value is trimmed (inner spaces kept)', () => {
  const canonical = acs3CanonicalRequest(input({
    headers: { host: '  kms.example ', 'x-acs-action': '\tDescribe Key  ' }, signedHeaders: ['host', 'x-acs-action'],
  }))
  assert.is(canonical, `POST\n/\n\nhost:kms.example\nx-acs-action:Describe Key\n\nhost;x-acs-action\n${EMPTY_HASH}`)
})

test('given the whole canonical request, then it is method, path, query, headers, signed names and payload hash on their own lines', () => {
  const canonical = acs3CanonicalRequest(input({ method: 'get', path: '/k+1', query: [['b', '2'], ['a', '1']] }))
  assert.is(canonical, `GET\n/k%201\na=1&b=2\nhost:kms.example\n\nhost\n${EMPTY_HASH}`)
})

const AUTH = `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=${'ab'.repeat(32)}`

test('given an Authorization header with spaces around it, when parsed, then it reads the same as without them', () => {
  const expected = { accessKeyId: 'ak', signedHeaders: ['host', 'x-acs-date'], signature: 'ab'.repeat(32) }
  assert.equal(parseAcs3Authorization(AUTH), expected)
  assert.equal(parseAcs3Authorization(`  ${AUTH} \t`), expected)
  assert.is(parseAcs3Authorization(AUTH.replace('ab', 'AB')), undefined, 'the signature is lowercase hex')
  assert.is(parseAcs3Authorization(AUTH.slice(0, -1)), undefined, 'and 64 characters')
})

test('the string to sign and the signature: the vendor example\'s documented values (HMAC-SHA256 in lowercase hex)', () => {
  assert.is(acs3StringToSign(X.canonicalRequest).split('\n')[0], 'ACS3-HMAC-SHA256')
  const signature = acs3Signature(X.accessKeySecret, acs3StringToSign(X.canonicalRequest))
  assert.is(signature, X.signature)
  assert.match(signature, /^[0-9a-f]{64}$/)
})

test.run()
