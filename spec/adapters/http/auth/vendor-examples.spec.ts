import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { InMemoryAccessKeyStore } from '../../../../adapters/http/auth/access-key-store.ts'
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, sha256Hex } from '../../../../adapters/http/auth/acs3.ts'
import { rpcV1Signature, rpcV1StringToSign } from '../../../../adapters/http/auth/rpc-v1.ts'
import { RequestVerifier } from '../../../../adapters/http/auth/verifier.ts'
import { toApiRequest } from '../../../../adapters/http/wire/request.ts'
import { signatureVectors, signedAt, type CapturedRequest } from '../../../support/signature-vectors.ts'

// The vendor's own published signature examples (spec/vectors/vendor-signature-examples.json names each source)
// as known answers of adapters/http/auth (API reference §3.1 RPC v1 HMAC-SHA1, §3.2 ACS3-HMAC-SHA256), and
// signature tampering at the first, a middle and the last character and by length, for both schemes: a
// verifier that compares only part of the signature, or a prefix of it, is refused here.

interface VendorExamples {
  rpcV1: { method: string; params: Record<string, string>; accessKeySecret: string; stringToSign: string; signature: string }
  acs3: CapturedRequest & { accessKeyId: string; accessKeySecret: string; canonicalRequest: string; stringToSign: string; signature: string }
}
const X = JSON.parse(readFileSync(fileURLToPath(new URL('../../../vectors/vendor-signature-examples.json', import.meta.url)), 'utf8')) as VendorExamples
const SDK = signatureVectors()

const verifierFor = (id: string, secret: string, now: Date) =>
  new RequestVerifier({
    keys: new InMemoryAccessKeyStore([{ accessKeyId: id, secret, principal: 'acs:ram::1:root', accountId: '1', enabled: true }]),
    clock: { now: () => now },
  })

const verify = async (r: CapturedRequest, id: string, secret: string) => {
  const req = toApiRequest(r.method, r.rawUrl, r.headers, Buffer.from(r.body, 'utf8'))
  if (E.isLeft(req)) return req
  return verifierFor(id, secret, signedAt(r)).verify(req.right)
}

// --- known answers ---

test('RPC v1 (API reference §3.1): the documented example gives the documented StringToSign and signature', () => {
  const params = new Map(Object.entries(X.rpcV1.params))
  const stringToSign = rpcV1StringToSign(X.rpcV1.method, params)
  assert.is(stringToSign, X.rpcV1.stringToSign)
  assert.is(rpcV1Signature(X.rpcV1.accessKeySecret, stringToSign), X.rpcV1.signature)
})

test('RPC v1: the key is the secret followed by "&" (without it the documented signature does not come out)', () => {
  assert.is.not(rpcV1Signature(`${X.rpcV1.accessKeySecret}x`, X.rpcV1.stringToSign), X.rpcV1.signature)
  assert.is.not(rpcV1Signature(X.rpcV1.accessKeySecret, X.rpcV1.stringToSign.replace('GET&', 'POST&')), X.rpcV1.signature)
})

test('ACS3 (API reference §3.2): the documented example gives the documented canonical request, string to sign and signature', () => {
  const [path, query = ''] = X.acs3.rawUrl.split('?') as [string, string?]
  const canonical = acs3CanonicalRequest({
    method: X.acs3.method, path, query: [...new URLSearchParams(query)], headers: X.acs3.headers,
    signedHeaders: /SignedHeaders=([^,]+)/.exec(X.acs3.headers['authorization']!)![1]!.split(';'), payloadHash: sha256Hex(X.acs3.body),
  })
  assert.is(canonical, X.acs3.canonicalRequest)
  assert.is(acs3StringToSign(canonical), X.acs3.stringToSign)
  assert.is(acs3Signature(X.acs3.accessKeySecret, X.acs3.stringToSign), X.acs3.signature)
})

test('ACS3: given the documented request as it goes over the wire, when verified at its own time, then it is accepted', async () => {
  const r = await verify(X.acs3, X.acs3.accessKeyId, X.acs3.accessKeySecret)
  if (E.isLeft(r)) assert.unreachable(`${r.left.code}: ${r.left.message}`)
  else assert.is(r.right.scheme, 'acs3')
})

// --- tampering with the signature itself ---

/** Another character of the same alphabet at index i: the text keeps its form, only its value changes. */
const swapAt = (s: string, i: number, alphabet: string): string => {
  const c = s[i]!
  const other = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]!
  return s.slice(0, i) + other + s.slice(i + 1)
}
const HEX = '0123456789abcdef'
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The tampered signatures: first, a middle and the last character changed; one character shorter; one longer. */
const tampered = (sig: string, alphabet: string, lastIndex = sig.length - 1): Record<string, string> => ({
  'the first character changed': swapAt(sig, 0, alphabet),
  'a middle character changed': swapAt(sig, Math.floor(sig.length / 2), alphabet),
  'the last character changed': swapAt(sig, lastIndex, alphabet),
  'one character shorter': sig.slice(0, -1),
  'one character longer': `${sig}${alphabet[0]}`,
  'the first 8 characters alone': sig.slice(0, 8),
})

const acs3Requests: { call: string; r: CapturedRequest; id: string; secret: string }[] = [
  { call: 'vendor example RunInstances', r: X.acs3, id: X.acs3.accessKeyId, secret: X.acs3.accessKeySecret },
  ...SDK.acs3_sdk_3_2_0.map((r) => ({ call: `SDK 3.2.0 ${r.call}`, r, id: SDK.accessKeyId, secret: SDK.accessKeySecret })),
]

test('ACS3: a signature changed at its first, a middle or its last character, or made shorter or longer, is refused', async () => {
  let checked = 0
  for (const { call, r, id, secret } of acs3Requests) {
    const header = r.headers['authorization']!
    const sig = /Signature=([0-9a-f]{64})$/.exec(header)![1]!
    assert.ok(E.isRight(await verify(r, id, secret)), `${call} is accepted untouched`)
    for (const [how, bad] of Object.entries(tampered(sig, HEX))) {
      const res = await verify({ ...r, headers: { ...r.headers, authorization: header.replace(`Signature=${sig}`, `Signature=${bad}`) } }, id, secret)
      assert.ok(E.isLeft(res), `${call}: ${how} was accepted`)
      if (E.isLeft(res)) assert.ok(['SignatureDoesNotMatch', 'IncompleteSignature'].includes(res.left.code), `${call}: ${how} → ${res.left.code}`)
      checked++
    }
  }
  assert.ok(checked >= 6 * 6)
})

test('ACS3: the same-length tampering (first, middle, last character) is SignatureDoesNotMatch, not a parse error', async () => {
  for (const { call, r, id, secret } of acs3Requests) {
    const header = r.headers['authorization']!
    const sig = /Signature=([0-9a-f]{64})$/.exec(header)![1]!
    for (const i of [0, 31, 32, 63]) {
      const res = await verify({ ...r, headers: { ...r.headers, authorization: header.replace(`Signature=${sig}`, `Signature=${swapAt(sig, i, HEX)}`) } }, id, secret)
      assert.ok(E.isLeft(res) && res.left.code === 'SignatureDoesNotMatch', `${call}: character ${i}`)
    }
  }
})

/** The RPC v1 Signature parameter of a captured URL, decoded; and the URL with it replaced. */
const rpcSignature = (rawUrl: string): string => decodeURIComponent(/[?&]Signature=([^&]*)/.exec(rawUrl)![1]!)
const withRpcSignature = (rawUrl: string, sig: string): string => rawUrl.replace(/([?&]Signature=)[^&]*/, (_, p: string) => `${p}${encodeURIComponent(sig)}`)

test('RPC v1: a signature changed at its first, a middle or its last character, or made shorter or longer, is refused', async () => {
  let checked = 0
  for (const r of SDK.rpcV1_sdk_1_2_0) {
    const sig = rpcSignature(r.rawUrl)
    assert.match(sig, /^[A-Za-z0-9+/]{27}=$/)
    assert.ok(E.isRight(await verify(r, SDK.accessKeyId, SDK.accessKeySecret)), `${r.call} is accepted untouched`)
    // The last character is the padding "="; the last one that carries bits is the one before it.
    const variants = { ...tampered(sig, B64, sig.length - 2), 'the padding changed': `${sig.slice(0, -1)}A`, 'the padding dropped': sig.slice(0, -1) }
    for (const [how, bad] of Object.entries(variants)) {
      const res = await verify({ ...r, rawUrl: withRpcSignature(r.rawUrl, bad) }, SDK.accessKeyId, SDK.accessKeySecret)
      assert.ok(E.isLeft(res) && res.left.code === 'SignatureDoesNotMatch', `${r.call}: ${how} → ${E.isLeft(res) ? res.left.code : 'accepted'}`)
      checked++
    }
  }
  assert.ok(checked >= 10 * 8)
})

test('RPC v1: the same request signed by the documented algorithm with the right secret is accepted, with a wrong one refused', async () => {
  const r = SDK.rpcV1_sdk_1_2_0[0]!
  const req = toApiRequest(r.method, r.rawUrl, r.headers, Buffer.alloc(0))
  if (E.isLeft(req)) return assert.unreachable(req.left.message)
  const recomputed = rpcV1Signature(SDK.accessKeySecret, rpcV1StringToSign(r.method, req.right.params))
  assert.is(recomputed, rpcSignature(r.rawUrl))
  const res = await verify(r, SDK.accessKeyId, `${SDK.accessKeySecret}x`)
  assert.ok(E.isLeft(res) && res.left.code === 'SignatureDoesNotMatch')
})

test.run()
