import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { aesGcmOpen } from '../../../../adapters/crypto/software/symmetric.ts'
import { hex, loadVectors } from '../../../support/wycheproof.ts'
import { executorFixture } from '../../../support/executor-fixture.ts'
import type { KeySpec } from '../../../../domain/values/key-spec.ts'

const file = loadVectors('aes_gcm_test.json')
const SPEC: Record<number, KeySpec> = { 128: 'Aliyun_AES_128', 192: 'Aliyun_AES_192', 256: 'Aliyun_AES_256' }

// OpenSSL (through Node 20) refuses GCM IVs longer than 256 bytes, so the three valid 2056-bit-IV vectors are
// refused here; the blob format carries 12-byte IVs only, so no keyledger ciphertext can have such an IV.
const OPENSSL_MAX_IV_BITS = 2048

test('Wycheproof aes_gcm_test.json: the AES-GCM the executor uses accepts every valid vector and rejects every invalid one', () => {
  let checked = 0
  for (const g of file.testGroups) {
    for (const t of g.tests) {
      const out = aesGcmOpen(hex(t.key), { iv: hex(t.iv), ciphertext: hex(t.ct), tag: hex(t.tag) }, hex(t.aad))
      if (t.result === 'valid' && (g.ivSize as number) > OPENSSL_MAX_IV_BITS) assert.is(out, undefined, `tcId ${t.tcId} (IV beyond OpenSSL's limit)`)
      else if (t.result === 'valid') assert.ok(out?.equals(hex(t.msg)), `tcId ${t.tcId} should decrypt`)
      else assert.is(out, undefined, `tcId ${t.tcId} (${t.flags.join(',')}) should be rejected`)
      checked++
    }
  }
  assert.is(checked, file.numberOfTests)
})

test('Wycheproof AES-GCM, 96-bit IV groups, through the executor with the key imported into the vault: wrong tags are InvalidCiphertext', async () => {
  const f = executorFixture()
  try {
    let valid = 0
    let invalid = 0
    for (const g of file.testGroups.filter((g) => g.ivSize === 96 && g.tagSize === 128)) {
      for (const t of g.tests) {
        const ref = await f.imported(SPEC[g.keySize as number]!, hex(t.key))
        const out = await f.executor.decrypt(ref, { iv: hex(t.iv), ciphertext: hex(t.ct), tag: hex(t.tag) }, hex(t.aad))
        if (t.result === 'valid') {
          assert.ok(E.isRight(out) && out.right.equals(hex(t.msg)), `tcId ${t.tcId}`)
          valid++
        } else {
          assert.ok(E.isLeft(out) && out.left.code === 'InvalidCiphertext' && out.left.httpStatus === 400, `tcId ${t.tcId}`)
          invalid++
        }
      }
    }
    assert.ok(valid > 50 && invalid > 10, `${valid} valid, ${invalid} invalid`)
  } finally {
    await f.close()
  }
})

test('executor AES-GCM: roundtrip, and a wrong AAD or a flipped bit is InvalidCiphertext, never an exception', async () => {
  const f = executorFixture()
  try {
    for (const spec of ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128'] as const) {
      const ref = await f.generated(spec)
      const sealed = f.must(await f.executor.encrypt(ref, Buffer.from('attack at dawn'), Buffer.from('aad')))
      assert.is(sealed.iv.length, 12)
      assert.is(sealed.tag.length, 16)
      assert.equal(f.must(await f.executor.decrypt(ref, sealed, Buffer.from('aad'))).toString(), 'attack at dawn')
      const wrongAad = await f.executor.decrypt(ref, sealed, Buffer.from('aae'))
      assert.ok(E.isLeft(wrongAad) && wrongAad.left.code === 'InvalidCiphertext')
      const flipped = Buffer.from(sealed.ciphertext)
      flipped[0]! ^= 1
      const tampered = await f.executor.decrypt(ref, { ...sealed, ciphertext: flipped }, Buffer.from('aad'))
      assert.ok(E.isLeft(tampered) && tampered.left.code === 'InvalidCiphertext')
      const shortTag = await f.executor.decrypt(ref, { ...sealed, tag: sealed.tag.subarray(0, 4) }, Buffer.from('aad'))
      assert.ok(E.isLeft(shortTag) && shortTag.left.code === 'InvalidCiphertext')
    }
  } finally {
    await f.close()
  }
})

test('imported material of the wrong size for the spec is InvalidKeyMaterial', async () => {
  const f = executorFixture()
  try {
    const r = await f.executor.importMaterial(f.ref('Aliyun_AES_256'), Buffer.alloc(16, 1))
    assert.ok(E.isLeft(r) && r.left.code === 'InvalidKeyMaterial')
  } finally {
    await f.close()
  }
})

test.run()
