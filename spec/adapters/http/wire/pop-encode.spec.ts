import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { popEncode } from '../../../../adapters/http/wire/pop-encode.ts'
import { parsePairs } from '../../../../adapters/http/wire/params.ts'
import { rpcV1StringToSign } from '../../../../adapters/http/auth/rpc-v1.ts'

// Issue 11: the encoding and decoding the signature needs take fast paths (a text with nothing to encode or
// decode is returned as is; the canonical string is encoded part by part). Given texts of every kind, then each
// answer is the one the plain definition gives (API reference §3.1: encodeURIComponent, then ! ' ( ) *).

const reference = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
const TEXTS = ['', 'abcXYZ019', '-_.~', 'a b', 'a+b', "!'()*", 'x=y&z', '%', '%25', '/', '2026-05-20T06:34:21Z', 'Zm9v/+Ym=', 'ключ', '密钥', '😀', '\u00e9', 'a~b*c']

test('issue 11: popEncode answers as encodeURIComponent then ! \' ( ) * for every kind of text', () => {
  for (const s of TEXTS) assert.is(popEncode(s), reference(s), JSON.stringify(s))
  assert.throws(() => popEncode('\ud800'), URIError, 'a lone surrogate is still refused')
})

test('issue 11: the RPC v1 string to sign is METHOD&%2F&enc(canonical), with canonical joined from encoded pairs', () => {
  const params = new Map(TEXTS.map((s, i) => [`${s}${i}`, [...TEXTS].reverse()[i]!]))
  params.set('Signature', 'ignored')
  const names = [...params.keys()].filter((n) => n !== 'Signature').sort()
  const canonical = names.map((n) => `${reference(n)}=${reference(params.get(n)!)}`).join('&')
  assert.is(rpcV1StringToSign('post', params), `POST&${reference('/')}&${reference(canonical)}`)
})

test('issue 11: form decoding gives decodeURIComponent\'s answer, `+` as a space, and still refuses a malformed escape', () => {
  const text = TEXTS.filter((s) => s !== '').map((s, i) => `k${i}=${reference(s)}`).join('&') + '&plus=a+b&raw=abc'
  const pairs = parsePairs(text, 'body')
  assert.ok(E.isRight(pairs))
  if (E.isRight(pairs)) {
    assert.equal(pairs.right.slice(0, -2).map(([, v]) => v), TEXTS.filter((s) => s !== ''))
    assert.equal(pairs.right.slice(-2), [['plus', 'a b'], ['raw', 'abc']])
  }
  assert.ok(E.isLeft(parsePairs('a=%E0%A4', 'body')), 'truncated UTF-8')
  assert.ok(E.isLeft(parsePairs('a=%zz', 'body')), 'not hex')
})

test.run()
