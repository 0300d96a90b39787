import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { constants, publicEncrypt, randomBytes } from 'node:crypto'
import { rsaKeyPair } from '../../../support/key-pairs.ts'
import { pkcs1v15Decrypt } from '../../../../adapters/crypto/software/rsa.ts'

// RSAES-PKCS1-v1_5 for BYOK import with implicit rejection (draft-irtf-cfrg-rsa-guidance; OpenSSL 3.2): a bad
// padding is never an error, only deterministic pseudo-random material, so the import path is no padding oracle.

const { privateKey, publicKey } = rsaKeyPair(2048) // not generateKeyPairSync's own objects: see key-pairs.ts
const k = 256
const wrap = (m: Buffer) => publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, m)
/** A ciphertext whose decryption is exactly `em` (raw RSA with the private key = encryption with the public one). */
const ciphertextOf = (em: Buffer) => publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, em)
const em = (first: number, second: number, sepAt: number, length = k) => {
  const b = Buffer.alloc(length)
  b[0] = first
  b[1] = second
  for (let i = 2; i < length; i++) b[i] = 1 + (i % 250)
  if (sepAt > 0) b[sepAt] = 0
  return b
}

test('a well-formed ciphertext gives its message, with and without the expected length', () => {
  const m = randomBytes(32)
  assert.ok(pkcs1v15Decrypt(privateKey, wrap(m), 32)?.equals(m))
  assert.ok(pkcs1v15Decrypt(privateKey, wrap(m))?.equals(m))
})

test('bad paddings give deterministic pseudo-random material of the expected length, different per ciphertext', () => {
  const bad = [
    ciphertextOf(em(0, 1, k - 33)), // block type 1
    ciphertextOf(em(0, 2, 0)), // no separator
    ciphertextOf(em(0, 2, 5)), // fewer than 8 padding bytes
    ciphertextOf(em(0, 2, k - 17)), // good padding, 16-byte message where 32 are expected
  ]
  const answers = bad.map((c) => pkcs1v15Decrypt(privateKey, c, 32))
  for (const [i, a] of answers.entries()) {
    assert.ok(a, `case ${i} answers material, not a failure`)
    assert.is(a.length, 32)
    assert.ok(pkcs1v15Decrypt(privateKey, bad[i]!, 32)!.equals(a), 'the same ciphertext, the same answer')
  }
  assert.is(new Set(answers.map((a) => a!.toString('hex'))).size, answers.length)
})

test('without an expected length, a bad padding gives a synthetic message of a drawn length below k − 10', () => {
  for (let i = 0; i < 20; i++) {
    const c = ciphertextOf(Buffer.concat([Buffer.from([0]), randomBytes(k - 1)]))
    const out = pkcs1v15Decrypt(privateKey, c)
    assert.ok(out && out.length < k - 10)
    assert.ok(pkcs1v15Decrypt(privateKey, c)!.equals(out))
  }
})

test('only public facts fail: a ciphertext of the wrong length, or one not below the modulus', () => {
  assert.is(pkcs1v15Decrypt(privateKey, randomBytes(255), 32), undefined)
  assert.is(pkcs1v15Decrypt(privateKey, Buffer.alloc(k, 0xff), 32), undefined)
})

test.run()
