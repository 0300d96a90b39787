import { constants, createHash, createPublicKey, publicEncrypt, randomBytes, sign, verify } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { freshToken, hsmTest, openExecutor, right, softhsmAvailable, versionRef } from '../../../support/softhsm.ts'
import { ecKeyPair } from '../../../support/key-pairs.ts'

// Interop with node:crypto: node verifies what the token signs (with the SPKI PEM the executor exports, S-9.1),
// the token verifies what node signs, and node-made RSAES-OAEP ciphertexts (SHA-1 on the token's mechanism,
// SHA-256 through raw RSA + OAEP decoding) decrypt on the token.

const hsm = softhsmAvailable ? (() => {
  const token = freshToken()
  return { token, executor: openExecutor(token.config) }
})() : null

const digestOf = (m: Buffer) => createHash('sha256').update(m).digest()

hsmTest('RSA_2048/3072/4096: node:crypto verifies token RSA_PSS_SHA_256 and RSA_PKCS1_SHA_256 signatures with the exported PEM', async () => {
  const { executor } = hsm!
  for (const spec of ['RSA_2048', 'RSA_3072', 'RSA_4096'] as const) {
    const ref = versionRef(spec)
    right(await executor.generate(ref))
    const pem = right(await executor.publicKeyPem(ref))
    const pub = createPublicKey(pem)
    assert.is(pub.asymmetricKeyType, 'rsa')
    assert.is(pub.asymmetricKeyDetails?.modulusLength, Number(spec.slice(4)))
    const message = randomBytes(100)
    const pss = right(await executor.sign(ref, 'RSA_PSS_SHA_256', digestOf(message)))
    assert.ok(verify('sha256', message, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, pss), `${spec} PSS`)
    const pkcs1 = right(await executor.sign(ref, 'RSA_PKCS1_SHA_256', digestOf(message)))
    assert.ok(verify('sha256', message, { key: pub, padding: constants.RSA_PKCS1_PADDING }, pkcs1), `${spec} PKCS#1`)
    assert.is(right(await executor.verify(ref, 'RSA_PSS_SHA_256', digestOf(message), pss)), true)
    assert.is(right(await executor.verify(ref, 'RSA_PKCS1_SHA_256', digestOf(message), pkcs1)), true)
    assert.is(right(await executor.verify(ref, 'RSA_PKCS1_SHA_256', digestOf(randomBytes(5)), pkcs1)), false)
    assert.is(right(await executor.verify(ref, 'RSA_PSS_SHA_256', digestOf(message), pkcs1)), false)
  }
})

hsmTest('EC_P256 and EC_P256K: token signatures are DER (as Alibaba returns them) and verify in node; node DER signatures verify on the token', async () => {
  const { executor } = hsm!
  for (const [spec, curve] of [['EC_P256', 'prime256v1'], ['EC_P256K', 'secp256k1']] as const) {
    const ref = versionRef(spec)
    right(await executor.generate(ref))
    const pub = createPublicKey(right(await executor.publicKeyPem(ref)))
    assert.is(pub.asymmetricKeyDetails?.namedCurve, curve)
    for (let i = 0; i < 20; i++) { // r or s with a high bit needs a leading zero: 20 tries cover both shapes
      const message = randomBytes(64)
      const der = right(await executor.sign(ref, 'ECDSA_SHA_256', digestOf(message)))
      assert.is(der[0], 0x30)
      assert.ok(verify('sha256', message, { key: pub, dsaEncoding: 'der' }, der), `${spec} signature ${i}`)
      assert.is(right(await executor.verify(ref, 'ECDSA_SHA_256', digestOf(message), der)), true)
    }
    // Valid node-made signatures on the token are Wycheproof's job (wycheproof-ecdsa.spec.ts); here a node
    // signature by another key and an empty SEQUENCE must fail.
    const other = ecKeyPair(curve)
    const message = randomBytes(32)
    const foreign = sign('sha256', message, { key: other.privateKey, dsaEncoding: 'der' })
    assert.is(right(await executor.verify(ref, 'ECDSA_SHA_256', digestOf(message), foreign)), false)
    assert.is(right(await executor.verify(ref, 'ECDSA_SHA_256', digestOf(message), Buffer.from('3000', 'hex'))), false)
  }
})

hsmTest('RSAES_OAEP_SHA_1: node-made ciphertext decrypts on the token (CKM_RSA_PKCS_OAEP) and token ciphertext round-trips', async () => {
  const { executor } = hsm!
  const ref = versionRef('RSA_2048')
  right(await executor.generate(ref))
  const pem = right(await executor.publicKeyPem(ref))
  const secret = randomBytes(32)
  const fromNode = publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, secret)
  assert.equal(right(await executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_1', fromNode)), secret)
  const fromToken = right(await executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_1', secret))
  assert.is(fromToken.length, 256)
  assert.equal(right(await executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_1', fromToken)), secret)
})

hsmTest('RSAES_OAEP_SHA_256: node-made ciphertext decrypts with the private operation on the token; executor ciphertext round-trips', async () => {
  const { executor } = hsm!
  for (const spec of ['RSA_2048', 'RSA_3072'] as const) {
    const ref = versionRef(spec)
    right(await executor.generate(ref))
    const pem = right(await executor.publicKeyPem(ref))
    for (const size of [0, 1, 32, Number(spec.slice(4)) / 8 - 66]) {
      const secret = randomBytes(size)
      const fromNode = publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, secret)
      assert.equal(right(await executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_256', fromNode)), secret, `${spec} ${size} bytes`)
    }
    const secret = randomBytes(32)
    const ct = right(await executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_256', secret))
    assert.equal(right(await executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_256', ct)), secret)
  }
})

hsmTest('RSAES-OAEP: the wrong hash, garbage, a wrong length, or too long a plaintext are refused with the API codes', async () => {
  const { executor } = hsm!
  const ref = versionRef('RSA_2048')
  right(await executor.generate(ref))
  const sha1 = right(await executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_1', Buffer.from('x')))
  const sha256 = right(await executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_256', Buffer.from('x')))
  const refusals = await Promise.all([
    executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_256', sha1),
    executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_1', sha256),
    executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_1', randomBytes(256)),
    executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_256', randomBytes(255)),
    executor.asymmetricDecrypt(ref, 'RSAES_OAEP_SHA_256', Buffer.alloc(256, 0xff)),
  ])
  for (const r of refusals) assert.ok(E.isLeft(r) && r.left.code === 'InvalidCiphertext' && r.left.httpStatus === 400)
  const tooLong = await executor.asymmetricEncrypt(ref, 'RSAES_OAEP_SHA_256', randomBytes(256 - 65))
  assert.ok(E.isLeft(tooLong) && tooLong.left.code === 'InvalidParameter')
})

test.after(async () => {
  if (!hsm) return
  await hsm.executor.close()
  hsm.token.remove()
})

test.run()
