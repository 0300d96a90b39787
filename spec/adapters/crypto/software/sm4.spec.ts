import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createCipheriv, createHmac } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { sm4Keys, sm4Open, sm4Seal } from '../../../../adapters/crypto/software/symmetric.ts'
import { hex, loadVectors } from '../../../support/wycheproof.ts'
import { executorFixture } from '../../../support/executor-fixture.ts'

// Aliyun_SM4 is SM4-CTR + HMAC-SM3 encrypt-then-MAC (adapters/crypto/software/symmetric.ts), which no published
// vector file covers as a whole; its parts are checked against known answers instead.

test('SM4 block cipher: the GB/T 32907-2016 Appendix A example', () => {
  const key = hex('0123456789abcdeffedcba9876543210')
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false)
  assert.is(Buffer.concat([c.update(key), c.final()]).toString('hex'), '681edf34d206965e86b3e94f536e4246')
})

test('SM4-CTR keystream: equals the ciphertext of every valid 96-bit-IV vector of Wycheproof sm4_gcm_test.json (GCM encrypts with counter IV‖2)', () => {
  let checked = 0
  for (const g of loadVectors('sm4_gcm_test.json').testGroups.filter((g) => g.ivSize === 96)) {
    for (const t of g.tests.filter((t) => t.result === 'valid')) {
      const c = createCipheriv('sm4-ctr', hex(t.key), Buffer.concat([hex(t.iv), hex('00000002')]))
      assert.is(Buffer.concat([c.update(hex(t.msg)), c.final()]).toString('hex'), t.ct, `tcId ${t.tcId}`)
      checked++
    }
  }
  assert.ok(checked >= 20, `${checked} vectors`)
})

test('HMAC-SM3: Wycheproof hmac_sm3_test.json, valid tags match and invalid ones do not', () => {
  const file = loadVectors('hmac_sm3_test.json')
  let checked = 0
  for (const g of file.testGroups) {
    for (const t of g.tests) {
      const tag = createHmac('sm3', hex(t.key)).update(hex(t.msg)).digest().subarray(0, (g.tagSize as number) / 8)
      assert.is(tag.equals(hex(t.tag)), t.result === 'valid', `tcId ${t.tcId}`)
      checked++
    }
  }
  assert.is(checked, file.numberOfTests)
})

test('the SM4 AEAD: roundtrip; tampered ciphertext, IV, tag or AAD are refused', () => {
  const keys = sm4Keys(hex('0123456789abcdeffedcba9876543210'))
  assert.not.equal(keys.encKey, keys.macKey.subarray(0, 16), 'separate encryption and MAC keys')
  const aad = Buffer.from('context')
  const sealed = sm4Seal(keys, Buffer.from('plain SM4 text, longer than one block'), aad)
  assert.is(sm4Open(keys, sealed, aad)?.toString(), 'plain SM4 text, longer than one block')
  const flip = (b: Buffer) => { const c = Buffer.from(b); c[0]! ^= 0x80; return c }
  assert.is(sm4Open(keys, { ...sealed, ciphertext: flip(sealed.ciphertext) }, aad), undefined)
  assert.is(sm4Open(keys, { ...sealed, iv: flip(sealed.iv) }, aad), undefined)
  assert.is(sm4Open(keys, { ...sealed, tag: flip(sealed.tag) }, aad), undefined)
  assert.is(sm4Open(keys, sealed, Buffer.from('contexu')), undefined)
  assert.is(sm4Open(sm4Keys(hex('00'.repeat(16))), sealed, aad), undefined)
})

test('executor Aliyun_SM4: roundtrip with 12-byte IV and 16-byte tag, wrong AAD is InvalidCiphertext', async () => {
  const f = executorFixture()
  try {
    const ref = await f.generated('Aliyun_SM4')
    const sealed = f.must(await f.executor.encrypt(ref, Buffer.from('国密'), Buffer.from('a')))
    assert.is(sealed.iv.length, 12)
    assert.is(sealed.tag.length, 16)
    assert.is(f.must(await f.executor.decrypt(ref, sealed, Buffer.from('a'))).toString(), '国密')
    const bad = await f.executor.decrypt(ref, sealed, Buffer.from('b'))
    assert.ok(E.isLeft(bad) && bad.left.code === 'InvalidCiphertext')
  } finally {
    await f.close()
  }
})

test.run()
