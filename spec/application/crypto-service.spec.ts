import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { constants, createHash, createPublicKey, privateDecrypt, publicEncrypt, verify } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { cryptoFixture, ACCOUNT, REGION, type CryptoFixture } from '../support/crypto-fixture.ts'
import type { EncryptionContext } from '../../domain/values/encryption-context.ts'
import { rsaKeyPair } from '../support/key-pairs.ts'

const ctx = (c: Record<string, string>) => c as EncryptionContext
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()

const withFixture = (name: string, run: (f: CryptoFixture) => Promise<void>) =>
  test(name, async () => {
    const f = cryptoFixture()
    try { await run(f) } finally { await f.close() }
  })

const code = (r: E.Either<{ code: string }, unknown>): string => (E.isLeft(r) ? r.left.code : 'success')

withFixture('Encrypt then Decrypt (no key id) gives the plaintext back, with the key and version that made it', async (f) => {
  const key = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('hello') }))
  assert.is(enc.keyId, key.keyId)
  assert.is(enc.keyVersionId, key.primaryVersionId)
  const dec = f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob }))
  assert.is(dec.plaintext.toString(), 'hello')
  assert.is(dec.keyVersionId, key.primaryVersionId)
})

withFixture('a key is named by id, alias or ARN', async (f) => {
  const key = await f.createKey()
  f.ok(await f.keys.alias({ type: 'CreateAlias', accountId: ACCOUNT, region: REGION, alias: 'alias/app', keyId: key.keyId, now: new Date().toISOString() } as never, f.ctx()))
  for (const name of ['alias/app', key.arn, `acs:kms:${REGION}:${ACCOUNT}:alias/app`]) {
    const r = f.ok(await f.crypto.encrypt(f.call(), { keyId: name, plaintext: Buffer.from('x') }))
    assert.is(r.keyId, key.keyId, name)
  }
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: 'alias/none', plaintext: Buffer.from('x') })), 'Forbidden.AliasNotFound')
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: `acs:kms:${REGION}:999:key/${key.keyId}`, plaintext: Buffer.from('x') })), 'Forbidden.KeyNotFound')
})

withFixture('§5.4 after rotation, old ciphertext still decrypts with its version and new ciphertext uses the new primary', async (f) => {
  const key = await f.createKey()
  const old = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('before') }))
  const rotated = await f.command(key.keyId, { type: 'RotateKey', versionId: '00000000-0000-4000-8000-0000000000aa', reason: 'manual' })
  assert.is(rotated.state.primaryVersionId, '00000000-0000-4000-8000-0000000000aa')
  const fresh = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('after') }))
  assert.is(fresh.keyVersionId, '00000000-0000-4000-8000-0000000000aa')
  assert.is(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: old.ciphertextBlob })).plaintext.toString(), 'before')
  assert.is(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: fresh.ciphertextBlob })).plaintext.toString(), 'after')
})

withFixture('§5.10 EncryptionContext is order-free and required: missing or different context is InvalidCiphertext', async (f) => {
  const key = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p'), encryptionContext: ctx({ a: '1', b: '2' }) }))
  assert.is(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob, encryptionContext: ctx({ b: '2', a: '1' }) })).plaintext.toString(), 'p')
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })), 'InvalidCiphertext')
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob, encryptionContext: ctx({ a: '1', b: '3' }) })), 'InvalidCiphertext')
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: 'garbage' })), 'InvalidCiphertext')
})

withFixture('§5.8 Encrypt takes at most 6 KB', async (f) => {
  const key = await f.createKey()
  f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.alloc(6144) }))
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.alloc(6145) })), 'InvalidParameter')
})

withFixture('S-6.2 a disabled key neither encrypts nor decrypts (Rejected.Disabled, 409); enabled again, it does', async (f) => {
  const key = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p') }))
  await f.command(key.keyId, { type: 'DisableKey' })
  const refused = await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p') })
  assert.ok(E.isLeft(refused) && refused.left.code === 'Rejected.Disabled' && refused.left.httpStatus === 409)
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })), 'Rejected.Disabled')
  assert.is(code(await f.crypto.generateDataKey(f.call(), { keyId: key.keyId })), 'Rejected.Disabled')
  await f.command(key.keyId, { type: 'EnableKey' })
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })), 'success')
})

withFixture('S-8.3 a key pending deletion is refused (Rejected.PendingDeletion); after deletion its ciphertext can never be decrypted, not even from the vault file', async (f) => {
  const key = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('gone forever') }))
  await f.command(key.keyId, { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })), 'Rejected.PendingDeletion')
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p') })), 'Rejected.PendingDeletion')
  f.advanceDays(7)
  await f.command(key.keyId, { type: 'DeleteKey' })
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })), 'Forbidden.KeyNotFound')
  // Direct access: the vault holds no material for the key, and even the executor cannot decrypt.
  const row = await f.vault.get(key.keyId, key.primaryVersionId!)
  assert.ok(E.isRight(row) && row.right === undefined)
  const blob = (await import('../../adapters/crypto/blob.ts')).decodeBlob(enc.ciphertextBlob)
  assert.ok(E.isRight(blob))
  if (E.isRight(blob)) {
    const ref = { keyId: key.keyId, versionId: key.primaryVersionId!, spec: key.spec, kind: key.kind, instanceId: key.instanceId }
    const direct = await f.executor.decrypt(ref, blob.right.sealed, Buffer.alloc(0))
    assert.ok(E.isLeft(direct) && direct.left.code === 'Forbidden.KeyVersionNotFound')
  }
  assert.equal(f.destroyFailures, [])
})

withFixture('§5.9 data keys: NumberOfBytes 1–1024 wins, else KeySpec AES_256/AES_128, else 32 bytes; the blob decrypts to the data key', async (f) => {
  const key = await f.createKey()
  const sizes: [object, number][] = [[{}, 32], [{ keySpec: 'AES_128' }, 16], [{ keySpec: 'AES_256' }, 32], [{ numberOfBytes: 1 }, 1], [{ numberOfBytes: 1024, keySpec: 'AES_128' }, 1024]]
  for (const [opts, n] of sizes) {
    const dk = f.ok(await f.crypto.generateDataKey(f.call(), { keyId: key.keyId, ...opts }))
    assert.is(dk.plaintext.length, n)
    assert.ok(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: dk.ciphertextBlob })).plaintext.equals(dk.plaintext))
  }
  for (const bad of [{ numberOfBytes: 0 }, { numberOfBytes: 1025 }, { numberOfBytes: 1.5 }, { keySpec: 'AES_512' }])
    assert.is(code(await f.crypto.generateDataKey(f.call(), { keyId: key.keyId, ...bad })), 'InvalidParameter', JSON.stringify(bad))
  const wp = f.ok(await f.crypto.generateDataKeyWithoutPlaintext(f.call(), { keyId: key.keyId, encryptionContext: ctx({ k: 'v' }) }))
  assert.not.ok('plaintext' in wp)
  assert.is(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: wp.ciphertextBlob, encryptionContext: ctx({ k: 'v' }) })).plaintext.length, 32)
})

withFixture('§5.9 GenerateAndExportDataKey and ExportDataKey wrap the data key under the caller\'s RSA_2048 key (OAEP-SHA256/SHA1)', async (f) => {
  const key = await f.createKey()
  const { privateKey, publicKey } = rsaKeyPair(2048)
  const publicKeyBlob = publicKey.export({ type: 'spki', format: 'der' })
  const out = f.ok(await f.crypto.generateAndExportDataKey(f.call(), {
    keyId: key.keyId, publicKeyBlob, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256',
  }))
  const exported = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, out.exportedDataKey)
  assert.ok(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: out.ciphertextBlob })).plaintext.equals(exported))
  const again = f.ok(await f.crypto.exportDataKey(f.call(), {
    ciphertextBlob: out.ciphertextBlob, publicKeyBlob, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_1',
  }))
  assert.ok(privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, again.exportedDataKey).equals(exported))
  assert.is(code(await f.crypto.exportDataKey(f.call(), { ciphertextBlob: out.ciphertextBlob, publicKeyBlob, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'SM2PKE' })), 'InvalidParameter')
  const small = rsaKeyPair(1024).publicKey.export({ type: 'spki', format: 'der' })
  assert.is(code(await f.crypto.exportDataKey(f.call(), { ciphertextBlob: out.ciphertextBlob, publicKeyBlob: small, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_1' })), 'InvalidParameter')
})

withFixture('§5.8 ReEncrypt moves a ciphertext to another key and context; source and destination are both audited', async (f) => {
  const a = await f.createKey()
  const b = await f.createKey()
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: a.keyId, plaintext: Buffer.from('moved'), encryptionContext: ctx({ s: '1' }) }))
  const re = f.ok(await f.crypto.reEncrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob, sourceEncryptionContext: ctx({ s: '1' }), destinationKeyId: b.keyId, destinationEncryptionContext: ctx({ d: '2' }) }))
  assert.is(re.keyId, b.keyId)
  assert.is(re.sourceKeyId, a.keyId)
  assert.is(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: re.ciphertextBlob, encryptionContext: ctx({ d: '2' }) })).plaintext.toString(), 'moved')
  assert.ok((await f.usageOf(a.keyId)).some((u) => u.action === 'kms:ReEncryptFrom' && u.outcome === 'allowed'))
  assert.ok((await f.usageOf(b.keyId)).some((u) => u.action === 'kms:ReEncryptTo' && u.outcome === 'allowed'))
})

withFixture('symmetric actions on an asymmetric key, and asymmetric ones on a symmetric key, are refused clearly', async (f) => {
  const aes = await f.createKey()
  const rsa = await f.createKey({ spec: 'RSA_2048', usage: 'SIGN/VERIFY' })
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: rsa.keyId, plaintext: Buffer.from('x') })), 'Rejected.UnsupportedOperation')
  assert.is(code(await f.crypto.asymmetricSign(f.call(), { keyId: aes.keyId, keyVersionId: aes.primaryVersionId!, algorithm: 'RSA_PSS_SHA_256', digest: Buffer.alloc(32) })), 'Rejected.UnsupportedOperation')
  const v = rsa.versions[0]!.versionId
  assert.is(code(await f.crypto.asymmetricEncrypt(f.call(), { keyId: rsa.keyId, keyVersionId: v, algorithm: 'RSAES_OAEP_SHA_256', plaintext: Buffer.from('x') })), 'Rejected.UnsupportedOperation')
  assert.is(code(await f.crypto.asymmetricSign(f.call(), { keyId: rsa.keyId, keyVersionId: v, algorithm: 'ECDSA_SHA_256', digest: Buffer.alloc(32) })), 'InvalidParameter')
  assert.is(code(await f.crypto.asymmetricSign(f.call(), { keyId: rsa.keyId, keyVersionId: '', algorithm: 'RSA_PSS_SHA_256', digest: Buffer.alloc(32) })), 'MissingParameter')
  assert.is(code(await f.crypto.asymmetricSign(f.call(), { keyId: rsa.keyId, keyVersionId: '00000000-0000-4000-8000-00000000ffff', algorithm: 'RSA_PSS_SHA_256', digest: Buffer.alloc(32) })), 'Forbidden.KeyVersionNotFound')
  assert.is(code(await f.crypto.asymmetricSign(f.call(), { keyId: rsa.keyId, keyVersionId: v, algorithm: 'RSA_PSS_SHA_256', digest: Buffer.alloc(31) })), 'InvalidParameter')
})

withFixture('asymmetric keys: sign/verify, encrypt/decrypt, GetPublicKey PEM; signatures verify with node:crypto', async (f) => {
  const signer = await f.createKey({ spec: 'EC_P256', usage: 'SIGN/VERIFY' })
  const v = signer.versions[0]!.versionId
  const msg = Buffer.from('document')
  const sig = f.ok(await f.crypto.asymmetricSign(f.call(), { keyId: signer.keyId, keyVersionId: v, algorithm: 'ECDSA_SHA_256', digest: sha256(msg) }))
  const pem = f.ok(await f.crypto.getPublicKey(f.call(), { keyId: signer.keyId, keyVersionId: v })).publicKey
  assert.match(pem, /^-----BEGIN PUBLIC KEY-----/)
  assert.ok(verify('sha256', msg, createPublicKey(pem), sig.value))
  assert.ok(f.ok(await f.crypto.asymmetricVerify(f.call(), { keyId: signer.keyId, keyVersionId: v, algorithm: 'ECDSA_SHA_256', digest: sha256(msg), value: sig.value })).value)
  const enc = await f.createKey({ spec: 'RSA_2048', usage: 'ENCRYPT/DECRYPT' })
  const ev = enc.versions[0]!.versionId
  const encPem = f.ok(await f.crypto.getPublicKey(f.call(), { keyId: enc.keyId, keyVersionId: ev })).publicKey
  const ct = publicEncrypt({ key: createPublicKey(encPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('for the key'))
  assert.is(f.ok(await f.crypto.asymmetricDecrypt(f.call(), { keyId: enc.keyId, keyVersionId: ev, algorithm: 'RSAES_OAEP_SHA_256', ciphertextBlob: ct })).plaintext.toString(), 'for the key')
})

withFixture('BYOK §5.11: GetParametersForImport, ImportKeyMaterial (OAEP-SHA256) → Enabled; re-import must be the same material; DeleteKeyMaterial → PendingImport', async (f) => {
  const key = await f.createKey({ origin: 'EXTERNAL' })
  assert.is(key.status, 'PendingImport')
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('x') })), 'Rejected.PendingImport')
  const parameters = async () => {
    const p = f.ok(await f.crypto.getParametersForImport(f.call(), { keyId: key.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
    const wrappingKey = createPublicKey({ key: p.publicKey, format: 'der', type: 'spki' })
    return { ...p, wrap: (m: Buffer) => publicEncrypt({ key: wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, m) }
  }
  const params = await parameters()
  assert.match(params.tokenExpireTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  const material = Buffer.alloc(32, 0x42)
  assert.is(code(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: params.importToken, encryptedKeyMaterial: params.wrap(Buffer.alloc(16)) })), 'InvalidKeyMaterial')
  assert.is(code(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: 'forged', encryptedKeyMaterial: params.wrap(material) })), 'InvalidImportToken')
  f.ok(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: params.importToken, encryptedKeyMaterial: params.wrap(material) }))
  assert.is(code(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: params.importToken, encryptedKeyMaterial: params.wrap(material) })), 'InvalidImportToken',
    'a token is spent by the import it served')
  const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('byok') }))
  f.ok(await f.crypto.deleteKeyMaterial(f.call(), { keyId: key.keyId }))
  assert.is(f.ok(await f.keys.load(key.keyId)).status, 'PendingImport')
  assert.is(code(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })), 'Rejected.PendingImport')
  const again = await parameters()
  assert.is(code(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: again.importToken, encryptedKeyMaterial: again.wrap(Buffer.alloc(32, 0x43)) })), 'InvalidKeyMaterial')
  f.ok(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: again.importToken, encryptedKeyMaterial: again.wrap(material) }))
  assert.is(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })).plaintext.toString(), 'byok')
  const late = await parameters()
  f.advanceDays(1.01)
  assert.is(code(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: late.importToken, encryptedKeyMaterial: late.wrap(material) })), 'ExpiredImportToken')
  const aes = await f.createKey()
  assert.is(code(await f.crypto.getParametersForImport(f.call(), { keyId: aes.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' })), 'Unsupported.Origin')
})

withFixture('BYOK with RSAES_PKCS1_V1_5 wrapping (unpadded by hand: Node 20 refuses PKCS#1 private decryption)', async (f) => {
  const key = await f.createKey({ origin: 'EXTERNAL' })
  const params = f.ok(await f.crypto.getParametersForImport(f.call(), { keyId: key.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_PKCS1_V1_5' }))
  const wrapped = publicEncrypt({ key: createPublicKey({ key: params.publicKey, format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_PADDING }, Buffer.alloc(32, 7))
  f.ok(await f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: params.importToken, encryptedKeyMaterial: wrapped }))
  f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('x') }))
  assert.is(code(await f.crypto.getParametersForImport(f.call(), { keyId: key.keyId, wrappingKeySpec: 'EC_SM2', wrappingAlgorithm: 'SM2PKE' })), 'InvalidParameter')
})

withFixture('docs/architecture.md §3: every call, allowed or refused, is recorded as ActionInvoked on keyusage-<KeyId> with the caller', async (f) => {
  const key = await f.createKey()
  const caller = { service: 'ecs', resource: 'disk/d-123' }
  f.ok(await f.crypto.encrypt(f.call(caller), { keyId: key.keyId, plaintext: Buffer.from('x') }))
  await f.command(key.keyId, { type: 'DisableKey' })
  await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('x') })
  await f.command(key.keyId, { type: 'EnableKey' })
  await f.crypto.decrypt(f.call(), { ciphertextBlob: (await import('../../adapters/crypto/blob.ts')).encodeBlob({ keyId: key.keyId, versionId: key.primaryVersionId!, sealed: { iv: Buffer.alloc(12), tag: Buffer.alloc(16), ciphertext: Buffer.alloc(4) } }) })
  const usage = await f.usageOf(key.keyId)
  assert.equal(usage.map((u) => [u.action, u.outcome, u.errorCode]), [
    ['kms:Encrypt', 'allowed', null],
    ['kms:Encrypt', 'denied', 'Rejected.Disabled'],
    ['kms:Decrypt', 'failed', 'InvalidCiphertext'],
  ])
  assert.is(usage[0]!.callerService, 'ecs')
  assert.is(usage[0]!.callerResource, 'disk/d-123')
  assert.is(usage[0]!.versionId, key.primaryVersionId)
  assert.is(usage[1]!.callerService, null)
  assert.equal(await f.usageOf('key-doesnotexist00'), [], 'an unknown key id makes no usage stream')
  assert.is(code(await f.crypto.encrypt(f.call(), { keyId: 'key-doesnotexist00', plaintext: Buffer.from('x') })), 'Forbidden.KeyNotFound')
})

withFixture('concurrent calls on one key are batched into few appends, and each answer waits for its record', async (f) => {
  const key = await f.createKey()
  const before = (await f.store.readAll()).length
  let usageAppends = 0
  const append = f.store.append.bind(f.store)
  f.store.append = (streamId, expected, events) => {
    if (streamId.startsWith('keyusage-')) usageAppends++
    return append(streamId, expected, events)
  }
  const results = await Promise.all(Array.from({ length: 50 }, () => f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('x') })))
  assert.ok(results.every(E.isRight))
  const usage = await f.store.readStream(`keyusage-${key.keyId}`)
  assert.is(usage.length, 50)
  assert.is((await f.store.readAll()).length - before, 50)
  assert.is(new Set(usage.map((e) => e.metadata.requestId)).size, 50)
  assert.ok(usageAppends <= 5, `${usageAppends} appends for 50 records`)
})

test.run()
