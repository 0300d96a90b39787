import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { noPermission, type KmsError } from '../../domain/errors.ts'
import type { KeyAuthorizer } from '../../application/access/request-access.ts'
import type { EncryptionContext } from '../../domain/values/encryption-context.ts'
import { ACCOUNT, REGION, cryptoFixture, type CryptoFixture } from '../support/crypto-fixture.ts'
import { rsaKeyPair } from '../support/key-pairs.ts'

// The CryptoService's side of authorization (docs/architecture.md §7): it asks the call's KeyAuthorizer for each key it
// resolves, with the permission of the action, after resolving and before the state table or any material; a
// refusal is that key's one `denied` record. The policy itself is domain/policy's (spec/domain/policy) and the
// wiring through the API is spec/adapters/http/authorization.spec.ts.

const withFixture = (name: string, run: (f: CryptoFixture) => Promise<void>) =>
  test(name, async () => {
    const f = cryptoFixture()
    try { await run(f) } finally { await f.close() }
  })

const code = (r: E.Either<{ code: string }, unknown>): string => (E.isLeft(r) ? r.left.code : 'success')
const ctx = (c: Record<string, string>) => c as EncryptionContext
const REFUSED = noPermission('refused by the spec authorizer')

/** An authorizer that refuses the listed permissions, and remembers every question it was asked. */
const authorizer = (refuse: string[] = []) => {
  const asked: [string, string][] = []
  const unseen: [{ accountId: string; keyArn: string } | undefined, string][] = []
  const a: KeyAuthorizer = {
    checkKey: (key, action) => (asked.push([key.keyId, action]), refuse.includes(action) ? E.left(REFUSED) : E.right(undefined)),
    unseen: (named, action, notFound: KmsError) => (unseen.push([named, action]), notFound),
  }
  return { a, asked, unseen }
}

const history = async (f: CryptoFixture, keyId: string) =>
  (await f.usageOf(keyId)).map((u) => [u.action, u.outcome, u.errorCode])

withFixture('each action is decided with its own permission on the key it resolves', async (f) => {
  const key = await f.createKey()
  const { a, asked } = authorizer()
  const enc = f.ok(await f.crypto.encrypt(f.call(undefined, a), { keyId: key.keyId, plaintext: Buffer.from('p') }))
  f.ok(await f.crypto.decrypt(f.call(undefined, a), { ciphertextBlob: enc.ciphertextBlob }))
  f.ok(await f.crypto.generateDataKey(f.call(undefined, a), { keyId: key.arn }))
  f.ok(await f.crypto.generateDataKeyWithoutPlaintext(f.call(undefined, a), { keyId: key.keyId }))
  assert.equal(asked, [
    [key.keyId, 'kms:Encrypt'], [key.keyId, 'kms:Decrypt'], [key.keyId, 'kms:GenerateDataKey'], [key.keyId, 'kms:GenerateDataKeyWithoutPlaintext'],
  ])
})

withFixture('a refusal comes before the state table: a disabled key the caller may not use is 403, not 409, and is recorded once as denied', async (f) => {
  const key = await f.createKey()
  await f.command(key.keyId, { type: 'DisableKey' })
  const r = await f.crypto.encrypt(f.call(undefined, authorizer(['kms:Encrypt']).a), { keyId: key.keyId, plaintext: Buffer.from('p') })
  assert.ok(E.isLeft(r) && r.left.code === 'Forbidden.NoPermission' && r.left.httpStatus === 403)
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p') })), 'Rejected.Disabled')
  assert.equal(await history(f, key.keyId), [
    ['kms:Encrypt', 'denied', 'Forbidden.NoPermission'], ['kms:Encrypt', 'denied', 'Rejected.Disabled'],
  ])
})

withFixture('Decrypt is refused before the ciphertext is opened: a wrong EncryptionContext does not surface', async (f) => {
  const key = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p'), encryptionContext: ctx({ a: '1' }) }))
  const call = f.call(undefined, authorizer(['kms:Decrypt']).a)
  assert.is(code(await f.crypto.decrypt(call, { ciphertextBlob: enc.ciphertextBlob, encryptionContext: ctx({ a: '2' }) })), 'Forbidden.NoPermission')
})

withFixture('ReEncrypt decides both keys before opening the source; the refusal is the destination\'s, the source merely failed', async (f) => {
  const source = await f.createKey()
  const dest = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: source.keyId, plaintext: Buffer.from('p'), encryptionContext: ctx({ a: '1' }) }))
  const { a, asked } = authorizer(['kms:ReEncryptTo'])
  // a wrong source context would be InvalidCiphertext if the source were opened first
  const r = await f.crypto.reEncrypt(f.call(undefined, a), { ciphertextBlob: enc.ciphertextBlob, sourceEncryptionContext: ctx({ a: '2' }), destinationKeyId: dest.keyId })
  assert.is(code(r), 'Forbidden.NoPermission')
  assert.equal(asked, [[source.keyId, 'kms:ReEncryptFrom'], [dest.keyId, 'kms:ReEncryptTo']])
  assert.equal(await history(f, dest.keyId), [['kms:ReEncryptTo', 'denied', 'Forbidden.NoPermission']])
  assert.equal((await history(f, source.keyId)).slice(1), [['kms:ReEncryptFrom', 'failed', 'Forbidden.NoPermission']])
})

withFixture('names that find no key go to the authorizer\'s `unseen`, with the account they point into (none for a ciphertext)', async (f) => {
  const key = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p') }))
  const { a, unseen, asked } = authorizer()
  const call = () => f.call(undefined, a)
  const other = '999999'
  assert.is(code(await f.crypto.encrypt(call(), { keyId: `acs:kms:${REGION}:${other}:key/${key.keyId}`, plaintext: Buffer.from('x') })), 'Forbidden.KeyNotFound')
  assert.is(code(await f.crypto.encrypt(call(), { keyId: 'alias/none', plaintext: Buffer.from('x') })), 'Forbidden.AliasNotFound')
  assert.is(code(await f.crypto.encrypt(call(), { keyId: 'key-missing000001', plaintext: Buffer.from('x') })), 'Forbidden.KeyNotFound')
  assert.is(code(await f.crypto.encrypt(call(), { keyId: `acs:kms:cn-shanghai:${ACCOUNT}:key/${key.keyId}`, plaintext: Buffer.from('x') })), 'Forbidden.KeyNotFound')
  const { decodeBlob, encodeBlob } = await import('../../adapters/crypto/blob.ts')
  const blob = decodeBlob(enc.ciphertextBlob)
  if (E.isLeft(blob)) throw new Error(blob.left.message)
  assert.is(code(await f.crypto.decrypt(call(), { ciphertextBlob: encodeBlob({ ...blob.right, keyId: 'key-missing000002' }) })), 'Forbidden.KeyNotFound')
  assert.equal(unseen, [
    [{ accountId: other, keyArn: `acs:kms:${REGION}:${other}:key/${key.keyId}` }, 'kms:Encrypt'],
    [{ accountId: ACCOUNT, keyArn: `acs:kms:${REGION}:${ACCOUNT}:alias/none` }, 'kms:Encrypt'],
    [{ accountId: ACCOUNT, keyArn: `acs:kms:${REGION}:${ACCOUNT}:key/key-missing000001` }, 'kms:Encrypt'],
    [{ accountId: ACCOUNT, keyArn: `acs:kms:cn-shanghai:${ACCOUNT}:key/${key.keyId}` }, 'kms:Encrypt'],
    [undefined, 'kms:Decrypt'],
  ])
  assert.equal(asked, []) // no key was found, so none was decided, and none recorded
  assert.equal(await history(f, key.keyId), [['kms:Encrypt', 'allowed', null]])
})

withFixture('ActionInvoked names the algorithm of asymmetric and wrapping calls, never of symmetric ones', async (f) => {
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()
  const rsa = await f.createKey({ spec: 'RSA_2048', usage: 'ENCRYPT/DECRYPT' })
  const v = rsa.primaryVersionId ?? rsa.versions[0]!.versionId
  const enc = f.ok(await f.crypto.asymmetricEncrypt(f.call(), { keyId: rsa.keyId, keyVersionId: v, algorithm: 'RSAES_OAEP_SHA_1', plaintext: Buffer.from('p') }))
  f.ok(await f.crypto.asymmetricDecrypt(f.call(), { keyId: rsa.keyId, keyVersionId: v, algorithm: 'RSAES_OAEP_SHA_1', ciphertextBlob: enc.ciphertextBlob }))
  assert.is(code(await f.crypto.asymmetricEncrypt(f.call(), { keyId: rsa.keyId, keyVersionId: v, algorithm: 'NOT_AN_ALGORITHM', plaintext: Buffer.from('p') })), 'InvalidParameter')
  const signer = await f.createKey({ spec: 'EC_P256', usage: 'SIGN/VERIFY' })
  const sv = signer.primaryVersionId ?? signer.versions[0]!.versionId
  const digest = sha256(Buffer.from('m'))
  const sig = f.ok(await f.crypto.asymmetricSign(f.call(), { keyId: signer.keyId, keyVersionId: sv, algorithm: 'ECDSA_SHA_256', digest }))
  f.ok(await f.crypto.asymmetricVerify(f.call(), { keyId: signer.keyId, keyVersionId: sv, algorithm: 'ECDSA_SHA_256', digest, value: sig.value }))
  const aes = await f.createKey()
  const publicKeyBlob = rsaKeyPair(2048).publicKey.export({ type: 'spki', format: 'der' })
  const out = f.ok(await f.crypto.generateAndExportDataKey(f.call(), { keyId: aes.keyId, publicKeyBlob, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
  f.ok(await f.crypto.exportDataKey(f.call(), { ciphertextBlob: out.ciphertextBlob, publicKeyBlob, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_1' }))
  f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: out.ciphertextBlob }))
  const byok = await f.createKey({ origin: 'EXTERNAL' })
  f.ok(await f.crypto.getParametersForImport(f.call(), { keyId: byok.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_PKCS1_V1_5' }))
  const algorithms = async (keyId: string) => (await f.usageOf(keyId)).map((u) => [u.action, u.algorithm ?? null])
  assert.equal(await algorithms(rsa.keyId), [
    ['kms:AsymmetricEncrypt', 'RSAES_OAEP_SHA_1'], ['kms:AsymmetricDecrypt', 'RSAES_OAEP_SHA_1'], ['kms:AsymmetricEncrypt', null],
  ])
  assert.equal(await algorithms(signer.keyId), [['kms:AsymmetricSign', 'ECDSA_SHA_256'], ['kms:AsymmetricVerify', 'ECDSA_SHA_256']])
  assert.equal(await algorithms(aes.keyId), [
    ['kms:GenerateAndExportDataKey', 'RSAES_OAEP_SHA_256'], ['kms:ExportDataKey', 'RSAES_OAEP_SHA_1'], ['kms:Decrypt', null],
  ])
  assert.equal(await algorithms(byok.keyId), [['kms:GetParametersForImport', 'RSAES_PKCS1_V1_5']])
})

test.run()
