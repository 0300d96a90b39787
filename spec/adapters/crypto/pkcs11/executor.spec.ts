import { createDecipheriv, createCipheriv, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import pkcs11js from 'pkcs11js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { findObjects, generatedId, versionLabel } from '../../../../adapters/crypto/pkcs11/objects.ts'
import type { KeyVersionRef } from '../../../../domain/ports/crypto-executor.ts'
import { hsmTest, right, versionRef } from '../../../support/softhsm.ts'

import { closeHsmFixture, openHsmFixture } from '../../../support/hsm-fixture.ts'

// The executor on a real SoftHSMv2 token: material is generated there, sensitive and never extractable (docs/architecture.md §5),
// one object per version however often generate is called, and destroy shreds every version (S-8: deletion).

const hsm = openHsmFixture()

const objectsOf = (ref: KeyVersionRef) => findObjects(hsm!.t.p11, hsm!.t.session, [{ type: pkcs11js.CKA_LABEL, value: versionLabel(ref.keyId, ref.versionId) }])
const keyObjects = (keyId: string) => findObjects(hsm!.t.p11, hsm!.t.session, [{ type: pkcs11js.CKA_ID, value: generatedId(keyId) }])

const attributeError = (handle: pkcs11js.Handle, type: number): string => {
  try {
    hsm!.t.p11.C_GetAttributeValue(hsm!.t.session, handle, [{ type }])
    return 'readable'
  } catch (e) {
    return (e as Error).message
  }
}

const flag = (handle: pkcs11js.Handle, type: number): unknown => hsm!.t.p11.C_GetAttributeValue(hsm!.t.session, handle, [{ type }])[0]?.value

hsmTest('given AES and EC specs, when generated, then the private material is a token object, sensitive and not extractable', async () => {
  const { executor, t } = hsm!
  for (const spec of ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128', 'EC_P256', 'EC_P256K'] as const) {
    const ref = versionRef(spec)
    right(await executor.generate(ref))
    const cls = spec.startsWith('Aliyun_') ? pkcs11js.CKO_SECRET_KEY : pkcs11js.CKO_PRIVATE_KEY
    const [secret, ...more] = findObjects(t.p11, t.session, [{ type: pkcs11js.CKA_CLASS, value: cls }, { type: pkcs11js.CKA_LABEL, value: versionLabel(ref.keyId, ref.versionId) }])
    assert.ok(secret, `${spec}: material on the token`)
    assert.is(more.length, 0, `${spec}: one object`)
    assert.equal(flag(secret, pkcs11js.CKA_TOKEN), Buffer.from([1]), `${spec}: CKA_TOKEN`)
    assert.equal(flag(secret, pkcs11js.CKA_SENSITIVE), Buffer.from([1]), `${spec}: CKA_SENSITIVE`)
    assert.equal(flag(secret, pkcs11js.CKA_EXTRACTABLE), Buffer.from([0]), `${spec}: CKA_EXTRACTABLE`)
    assert.is(attributeError(secret, pkcs11js.CKA_VALUE), 'CKR_ATTRIBUTE_SENSITIVE', `${spec}: CKA_VALUE unreadable`)
  }
})

hsmTest('given an RSA_2048 key, when generated, then its private exponent cannot be read from the token', async () => {
  const { executor, t } = hsm!
  const ref = versionRef('RSA_2048')
  right(await executor.generate(ref))
  const [priv] = findObjects(t.p11, t.session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_LABEL, value: versionLabel(ref.keyId, ref.versionId) }])
  assert.is(attributeError(priv!, pkcs11js.CKA_PRIVATE_EXPONENT), 'CKR_ATTRIBUTE_SENSITIVE')
  assert.is(attributeError(priv!, pkcs11js.CKA_PRIME_1), 'CKR_ATTRIBUTE_SENSITIVE')
  assert.is(objectsOf(ref).length, 2, 'a private and a public object')
})

hsmTest('generate is idempotent per version: repeated and concurrent calls leave one object (labels are not unique on a token)', async () => {
  const { executor } = hsm!
  const aes = versionRef('Aliyun_AES_256')
  const ec = versionRef('EC_P256')
  const results = await Promise.all([...Array(5)].flatMap(() => [executor.generate(aes), executor.generate(ec)]))
  results.forEach((r) => right(r))
  right(await executor.generate(aes))
  right(await executor.generate(ec))
  assert.is(objectsOf(aes).length, 1)
  assert.is(objectsOf(ec).length, 2)
})

hsmTest('AES-GCM: encrypt gives a 12-byte IV and 16-byte tag, and decrypt with the same AAD gives the plaintext back', async () => {
  const { executor } = hsm!
  for (const spec of ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128'] as const) {
    const ref = versionRef(spec)
    right(await executor.generate(ref))
    const plaintext = randomBytes(256)
    const aad = Buffer.from('{"purpose":"spec"}')
    const sealed = right(await executor.encrypt(ref, plaintext, aad))
    assert.is(sealed.iv.length, 12)
    assert.is(sealed.tag.length, 16)
    assert.is(sealed.ciphertext.length, 256)
    assert.equal(right(await executor.decrypt(ref, sealed, aad)), plaintext)
    const again = right(await executor.encrypt(ref, plaintext, aad))
    assert.not.equal(again.iv, sealed.iv, 'a fresh IV per encryption')
    assert.equal(right(await executor.decrypt(ref, right(await executor.encrypt(ref, Buffer.alloc(0), aad)), aad)), Buffer.alloc(0))
  }
})

hsmTest('AES-GCM: a wrong AAD, a flipped tag bit, a flipped ciphertext bit or a short IV is InvalidCiphertext (400)', async () => {
  const { executor } = hsm!
  const ref = versionRef('Aliyun_AES_256')
  right(await executor.generate(ref))
  const aad = Buffer.from('context')
  const sealed = right(await executor.encrypt(ref, Buffer.from('secret data'), aad))
  const flip = (b: Buffer) => Buffer.from(b.map((x, i) => (i === 0 ? x ^ 1 : x)))
  const cases = [
    executor.decrypt(ref, sealed, Buffer.from('other context')),
    executor.decrypt(ref, { ...sealed, tag: flip(sealed.tag) }, aad),
    executor.decrypt(ref, { ...sealed, ciphertext: flip(sealed.ciphertext) }, aad),
    executor.decrypt(ref, { ...sealed, iv: sealed.iv.subarray(0, 8) }, aad),
  ]
  for (const r of await Promise.all(cases)) {
    assert.ok(E.isLeft(r))
    if (E.isLeft(r)) {
      assert.is(r.left.code, 'InvalidCiphertext')
      assert.is(r.left.httpStatus, 400)
    }
  }
  assert.equal(right(await executor.decrypt(ref, sealed, aad)), Buffer.from('secret data'), 'the session pool recovered')
})

hsmTest('AES-GCM format: with imported (BYOK) material, node:crypto decrypts the token ciphertext and the token decrypts node ciphertext', async () => {
  const { executor } = hsm!
  const ref = { ...versionRef('Aliyun_AES_256'), kind: 'external' as const }
  const material = randomBytes(32)
  right(await executor.importMaterial(ref, material))
  const aad = Buffer.from('aad')
  const sealed = right(await executor.encrypt(ref, Buffer.from('hello token'), aad))
  const d = createDecipheriv('aes-256-gcm', material, sealed.iv)
  d.setAAD(aad)
  d.setAuthTag(sealed.tag)
  assert.is(Buffer.concat([d.update(sealed.ciphertext), d.final()]).toString(), 'hello token')
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', material, iv)
  c.setAAD(aad)
  const ciphertext = Buffer.concat([c.update('hello node'), c.final()])
  assert.is(right(await executor.decrypt(ref, { iv, ciphertext, tag: c.getAuthTag() }, aad)).toString(), 'hello node')
})

hsmTest('importMaterial makes a sensitive token object; a wrong length is InvalidKeyMaterial; destroyImported removes only imported material', async () => {
  const { executor } = hsm!
  const keyId = `key-${Date.now()}`
  const imported = { ...versionRef('Aliyun_AES_256', keyId), kind: 'external' as const }
  const bad = await executor.importMaterial(imported, randomBytes(16))
  assert.ok(E.isLeft(bad) && bad.left.code === 'InvalidKeyMaterial')
  right(await executor.importMaterial(imported, randomBytes(32)))
  right(await executor.importMaterial(imported, randomBytes(32))) // a retry: still one object
  const [obj, ...more] = objectsOf(imported)
  assert.is(more.length, 0)
  assert.is(attributeError(obj!, pkcs11js.CKA_VALUE), 'CKR_ATTRIBUTE_SENSITIVE')
  assert.equal(flag(obj!, pkcs11js.CKA_EXTRACTABLE), Buffer.from([0]))
  const generated = versionRef('Aliyun_AES_256', keyId)
  right(await executor.generate(generated))
  right(await executor.destroyImported(keyId))
  assert.is(objectsOf(imported).length, 0)
  assert.is(objectsOf(generated).length, 1)
  right(await executor.destroyImported(keyId))
})

hsmTest('destroy removes every object of every version of the key (crypto-shredding), leaves other keys, and is idempotent', async () => {
  const { executor } = hsm!
  const keyId = `key-${Date.now()}-shred`
  const v1 = versionRef('RSA_2048', keyId)
  const v2 = versionRef('RSA_2048', keyId)
  const other = versionRef('EC_P256')
  for (const r of [v1, v2, other]) right(await executor.generate(r))
  const digest = randomBytes(32)
  right(await executor.sign(v1, 'RSA_PSS_SHA_256', digest)) // caches the handle
  assert.is(keyObjects(keyId).length, 4)
  right(await executor.destroy(keyId))
  assert.is(keyObjects(keyId).length, 0)
  assert.is(objectsOf(other).length, 2)
  right(await executor.destroy(keyId))
  const after = await executor.sign(v1, 'RSA_PSS_SHA_256', digest)
  assert.ok(E.isLeft(after) && after.left.code === 'InternalFailure', 'no material, no signature')
  right(await executor.sign(other, 'ECDSA_SHA_256', digest))
})

hsmTest('mechanisms the token lacks are Rejected.UnsupportedOperation (400): SM4, SM2 keys, SM2DSA, SM2PKE, BYOK for RSA', async () => {
  const { executor } = hsm!
  const rsa = versionRef('RSA_2048')
  right(await executor.generate(rsa))
  const refusals = await Promise.all([
    executor.generate(versionRef('Aliyun_SM4')),
    executor.generate(versionRef('EC_SM2')),
    executor.encrypt(versionRef('Aliyun_SM4'), Buffer.from('x'), Buffer.alloc(0)),
    executor.sign(versionRef('EC_SM2'), 'SM2DSA', Buffer.alloc(32)),
    executor.sign(rsa, 'SM2DSA', Buffer.alloc(32)),
    executor.asymmetricEncrypt(rsa, 'SM2PKE', Buffer.from('x')),
    executor.asymmetricDecrypt(versionRef('EC_SM2'), 'SM2PKE', Buffer.alloc(64)),
    executor.importMaterial(rsa, randomBytes(32)),
    executor.publicKeyPem(versionRef('Aliyun_AES_256')),
  ])
  for (const r of refusals) {
    assert.ok(E.isLeft(r))
    if (E.isLeft(r)) {
      assert.is(r.left.code, 'Rejected.UnsupportedOperation')
      assert.is(r.left.httpStatus, 400)
    }
  }
})

hsmTest('a signing algorithm that does not fit the key, or a digest that is not 32 bytes, is InvalidParameter', async () => {
  const { executor } = hsm!
  const ec = versionRef('EC_P256')
  right(await executor.generate(ec))
  const wrongAlgorithm = await executor.sign(ec, 'RSA_PSS_SHA_256', Buffer.alloc(32))
  const shortDigest = await executor.sign(ec, 'ECDSA_SHA_256', Buffer.alloc(20))
  assert.ok(E.isLeft(wrongAlgorithm) && wrongAlgorithm.left.code === 'InvalidParameter')
  assert.ok(E.isLeft(shortDigest) && shortDigest.left.code === 'InvalidParameter')
})

test.after(() => closeHsmFixture(hsm))

test.run()
