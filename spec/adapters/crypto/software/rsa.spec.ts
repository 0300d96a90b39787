import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { constants, createHash, createPublicKey, publicEncrypt, verify } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { pkcs1VerifyDigest, pssVerifyDigest } from '../../../../adapters/crypto/software/rsa.ts'
import { hex, loadVectors } from '../../../support/wycheproof.ts'
import { executorFixture } from '../../../support/executor-fixture.ts'
import type { KeySpec } from '../../../../domain/values/key-spec.ts'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()
const SPEC: Record<number, KeySpec> = { 2048: 'RSA_2048', 3072: 'RSA_3072', 4096: 'RSA_4096' }

for (const bits of [2048, 3072, 4096]) {
  test(`Wycheproof rsa_oaep_${bits}_sha256: the executor's AsymmetricDecrypt (RSAES_OAEP_SHA_256, key imported as PKCS#8) accepts valid and refuses invalid`, async () => {
    const f = executorFixture()
    try {
      let checked = 0
      for (const g of loadVectors(`rsa_oaep_${bits}_sha256_mgf1sha256_test.json`).testGroups) {
        const ref = await f.imported(SPEC[bits]!, hex(g.privateKeyPkcs8))
        for (const t of g.tests) {
          const out = await f.executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_256', hex(t.ct))
          // The API has no OAEP label: a ciphertext made with one is not a ciphertext of this key.
          if (t.result === 'valid' && !t.label) assert.ok(E.isRight(out) && out.right.equals(hex(t.msg)), `tcId ${t.tcId}`)
          else assert.ok(E.isLeft(out) && out.left.code === 'InvalidCiphertext', `tcId ${t.tcId} ${t.flags.join(',')}`)
          checked++
        }
      }
      assert.ok(checked >= 30)
    } finally {
      await f.close()
    }
  })

  test(`Wycheproof rsa_pss_${bits}_sha256_mgf1_32: the executor's PSS verification over the SHA-256 digest`, () => {
    for (const g of loadVectors(`rsa_pss_${bits}_sha256_mgf1_32_test.json`).testGroups) {
      const key = createPublicKey({ key: hex(g.publicKeyDer), format: 'der', type: 'spki' })
      for (const t of g.tests) {
        if (t.result === 'acceptable') continue
        assert.is(pssVerifyDigest(key, sha256(hex(t.msg)), hex(t.sig)), t.result === 'valid', `tcId ${t.tcId} ${t.flags.join(',')}`)
      }
    }
  })

  test(`Wycheproof rsa_signature_${bits}_sha256: the executor's PKCS#1 v1.5 verification over the SHA-256 digest`, () => {
    for (const g of loadVectors(`rsa_signature_${bits}_sha256_test.json`).testGroups) {
      const key = createPublicKey({ key: hex(g.publicKeyDer), format: 'der', type: 'spki' })
      for (const t of g.tests) {
        if (t.result === 'acceptable') continue
        assert.is(pkcs1VerifyDigest(key, sha256(hex(t.msg)), hex(t.sig)), t.result === 'valid', `tcId ${t.tcId} ${t.flags.join(',')}`)
      }
    }
  })
}

test('interop: signatures the executor makes over a digest verify with plain node:crypto over the message (PSS salt 32, PKCS#1)', async () => {
  const f = executorFixture()
  try {
    const ref = await f.generated('RSA_2048')
    const pub = createPublicKey(f.must(await f.executor.publicKeyPem(ref)))
    const msg = Buffer.from('message to sign')
    const pss = f.must(await f.executor.sign(ref, 'RSA_PSS_SHA_256', sha256(msg)))
    assert.ok(verify('sha256', msg, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, pss))
    const pkcs1 = f.must(await f.executor.sign(ref, 'RSA_PKCS1_SHA_256', sha256(msg)))
    assert.ok(verify('sha256', msg, pub, pkcs1))
    assert.ok(f.must(await f.executor.verify(ref, 'RSA_PSS_SHA_256', sha256(msg), pss)))
    assert.not.ok(f.must(await f.executor.verify(ref, 'RSA_PKCS1_SHA_256', sha256(Buffer.from('other')), pkcs1)))
  } finally {
    await f.close()
  }
})

test('interop: OAEP (SHA-256 and SHA-1) ciphertext from node decrypts in the executor, and the executor\'s decrypts in node', async () => {
  const f = executorFixture()
  try {
    const ref = await f.generated('RSA_2048')
    const pub = createPublicKey(f.must(await f.executor.publicKeyPem(ref)))
    for (const [alg, oaepHash] of [['RSAES_OAEP_SHA_256', 'sha256'], ['RSAES_OAEP_SHA_1', 'sha1']] as const) {
      const ct = publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from('secret'))
      assert.is(f.must(await f.executor.asymmetricDecrypt(ref, alg, ct)).toString(), 'secret')
      const wrong = await f.executor.asymmetricDecrypt(ref, alg === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1', ct)
      assert.ok(E.isLeft(wrong) && wrong.left.code === 'InvalidCiphertext')
    }
    const ct = f.must(await f.executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_256', Buffer.alloc(190, 7)))
    assert.is(ct.length, 256)
    const tooLong = await f.executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_256', Buffer.alloc(191, 7))
    assert.ok(E.isLeft(tooLong) && tooLong.left.code === 'InvalidParameter')
    assert.is(f.must(await f.executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_1', Buffer.alloc(214, 1))).length, 256)
    const sm2OnRsa = await f.executor.asymmetricEncrypt(ref, 'SM2PKE', Buffer.from('x'))
    assert.ok(E.isLeft(sm2OnRsa) && sm2OnRsa.left.code === 'InvalidParameter')
  } finally {
    await f.close()
  }
})

test.run()
