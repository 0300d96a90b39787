import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { canonicalEncryptionContext, decodeEncryptionContext } from '../../../domain/values/encryption-context.ts'

test('§5.10 the canonical encoding does not depend on the order of the pairs', () => {
  assert.ok(canonicalEncryptionContext({ a: '1', b: '2', 中: '文' }).equals(canonicalEncryptionContext({ 中: '文', b: '2', a: '1' })))
})

test('§5.10 different contexts encode differently, including ones that would collide if simply concatenated', () => {
  const enc = (c: Record<string, string>) => canonicalEncryptionContext(c).toString('hex')
  assert.is.not(enc({ ab: 'c' }), enc({ a: 'bc' }))
  assert.is.not(enc({ a: '1' }), enc({ a: '1', b: '' }))
  assert.is.not(enc({}), enc({ '': '' }))
})

test('§5.10 only a JSON object of strings is a context; absent is the empty context', () => {
  assert.ok(E.isRight(decodeEncryptionContext('{"k":"v"}')))
  assert.ok(E.isRight(decodeEncryptionContext({ k: 'v' })))
  assert.ok(E.isRight(decodeEncryptionContext(undefined)) && Object.keys(E.getOrElseW(() => ({ x: 1 }))(decodeEncryptionContext(undefined))).length === 0)
  for (const bad of ['{"k":1}', '["a"]', '{"k":{"n":"v"}}', 'not json', 42, [['k', 'v']]]) {
    const r = decodeEncryptionContext(bad)
    assert.ok(E.isLeft(r) && r.left.code === 'InvalidParameter' && r.left.message.includes('EncryptionContext'), String(bad))
  }
})

test('§5.10 at most 8,192 characters', () => {
  const fits = { k: 'x'.repeat(8192 - '{"k":""}'.length) }
  assert.ok(E.isRight(decodeEncryptionContext(fits)))
  const r = decodeEncryptionContext({ k: fits.k + 'x' })
  assert.ok(E.isLeft(r) && r.left.code === 'InvalidParameter')
})

test('issue 13 finding 6: a lone surrogate in a key or value is refused; well-formed pairs pass', () => {
  for (const c of [{ t: '\ud800' }, { t: '\udfff' }, { '\udbff': 'x' }]) assert.ok(E.isLeft(decodeEncryptionContext(c)), JSON.stringify(c))
  assert.ok(E.isLeft(decodeEncryptionContext('{"t":"\\ud800"}')))
  assert.ok(E.isRight(decodeEncryptionContext({ t: '\ud83d\ude00', u: '\ufffd' })))
})

test.run()
