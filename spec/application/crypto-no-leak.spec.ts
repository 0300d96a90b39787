import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { existsSync, readFileSync } from 'node:fs'
import { constants, createHash, createPublicKey, publicEncrypt } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { cryptoFixture } from '../support/crypto-fixture.ts'
import type { EncryptionContext } from '../../domain/values/encryption-context.ts'
import { rsaKeyPair } from '../support/key-pairs.ts'

// Security (BRIEF): key material, plaintext and data keys never appear in events, logs or at rest unwrapped.
// Every operation runs, then the event store (as JSON), the vault file and its WAL, and everything written to
// stdout/stderr are searched for the secrets in raw, hex and Base64 form.

test('after every operation, no material, plaintext or data key is in the events, the vault files or the log output', async () => {
  const f = cryptoFixture()
  const logged: string[] = []
  const out = process.stdout.write.bind(process.stdout)
  const err = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => { logged.push(String(chunk)); return out(chunk, ...rest) })
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => { logged.push(String(chunk)); return err(chunk, ...rest) })
  const secrets: Buffer[] = []
  try {
    const c = f.call({ service: 'oss', resource: 'bucket/b' })
    const ec = { purpose: 'scan' } as unknown as EncryptionContext
    const aes = await f.createKey()
    const sm = await f.createKey({ spec: 'RSA_2048', usage: 'SIGN/VERIFY' })
    const rsa = await f.createKey({ spec: 'RSA_2048', usage: 'ENCRYPT/DECRYPT' })
    const ext = await f.createKey({ origin: 'EXTERNAL' })
    for (const k of [aes, sm, rsa]) {
      const m = await f.vault.get(k.keyId, k.versions[0]!.versionId)
      assert.ok(E.isRight(m) && m.right)
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- defensive: the vault may answer no material
      if (E.isRight(m) && m.right) secrets.push(Buffer.from(m.right.material))
    }
    const plaintext = Buffer.from('the secret plaintext 0123456789')
    secrets.push(plaintext)
    const enc = f.ok(await f.crypto.encrypt(c, { keyId: aes.keyId, plaintext, encryptionContext: ec }))
    f.ok(await f.crypto.decrypt(c, { ciphertextBlob: enc.ciphertextBlob, encryptionContext: ec }))
    await f.crypto.decrypt(c, { ciphertextBlob: enc.ciphertextBlob }) // refused: wrong context
    const dk = f.ok(await f.crypto.generateDataKey(c, { keyId: aes.keyId }))
    secrets.push(Buffer.from(dk.plaintext))
    const dk2 = f.ok(await f.crypto.generateDataKeyWithoutPlaintext(c, { keyId: aes.keyId }))
    secrets.push(Buffer.from(f.ok(await f.crypto.decrypt(c, { ciphertextBlob: dk2.ciphertextBlob })).plaintext))
    const other = await f.createKey()
    f.ok(await f.crypto.reEncrypt(c, { ciphertextBlob: enc.ciphertextBlob, sourceEncryptionContext: ec, destinationKeyId: other.keyId }))
    const { publicKey } = rsaKeyPair(2048)
    const exp = f.ok(await f.crypto.generateAndExportDataKey(c, { keyId: aes.keyId, publicKeyBlob: publicKey.export({ type: 'spki', format: 'der' }), wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
    secrets.push(Buffer.from(f.ok(await f.crypto.decrypt(c, { ciphertextBlob: exp.ciphertextBlob })).plaintext))
    f.ok(await f.crypto.exportDataKey(c, { ciphertextBlob: exp.ciphertextBlob, publicKeyBlob: publicKey.export({ type: 'spki', format: 'der' }), wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_1' }))
    const digest = createHash('sha256').update('doc').digest()
    const sig = f.ok(await f.crypto.asymmetricSign(c, { keyId: sm.keyId, keyVersionId: sm.versions[0]!.versionId, algorithm: 'RSA_PKCS1_SHA_256', digest }))
    f.ok(await f.crypto.asymmetricVerify(c, { keyId: sm.keyId, keyVersionId: sm.versions[0]!.versionId, algorithm: 'RSA_PKCS1_SHA_256', digest, value: sig.value }))
    const asymPlain = Buffer.from('asymmetric secret plaintext')
    secrets.push(asymPlain)
    const act = f.ok(await f.crypto.asymmetricEncrypt(c, { keyId: rsa.keyId, keyVersionId: rsa.versions[0]!.versionId, algorithm: 'RSAES_OAEP_SHA_256', plaintext: asymPlain }))
    f.ok(await f.crypto.asymmetricDecrypt(c, { keyId: rsa.keyId, keyVersionId: rsa.versions[0]!.versionId, algorithm: 'RSAES_OAEP_SHA_256', ciphertextBlob: act.ciphertextBlob }))
    f.ok(await f.crypto.getPublicKey(c, { keyId: rsa.keyId, keyVersionId: rsa.versions[0]!.versionId }))
    const params = f.ok(await f.crypto.getParametersForImport(c, { keyId: ext.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
    const imported = Buffer.from('0123456789abcdef0123456789ABCDEF')
    secrets.push(imported)
    const wrapped = publicEncrypt({ key: createPublicKey({ key: params.publicKey, format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, imported)
    f.ok(await f.crypto.importKeyMaterial(c, { keyId: ext.keyId, importToken: params.importToken, encryptedKeyMaterial: wrapped }))
    f.ok(await f.crypto.encrypt(c, { keyId: ext.keyId, plaintext }))
    f.ok(await f.crypto.deleteKeyMaterial(c, { keyId: ext.keyId }))
    await f.command(aes.keyId, { type: 'RotateKey', versionId: '00000000-0000-4000-8000-0000000000bb', reason: 'manual' })
    const rotated = await f.vault.get(aes.keyId, '00000000-0000-4000-8000-0000000000bb')
    if (E.isRight(rotated) && rotated.right) secrets.push(Buffer.from(rotated.right.material))
    await f.command(aes.keyId, { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
    f.advanceDays(7)
    await f.command(aes.keyId, { type: 'DeleteKey' })
  } finally {
    process.stdout.write = out
    process.stderr.write = err
  }
  try {
    assert.ok(secrets.length >= 10, `${secrets.length} secrets`)
    const events = JSON.stringify(await f.store.readAll())
    assert.ok(events.includes('ActionInvoked') && events.includes('"callerService":"oss"'), 'usage was recorded')
    const vaultBytes = Buffer.concat([f.vaultPath, `${f.vaultPath}-wal`].filter(existsSync).map((p) => readFileSync(p)))
    const logs = logged.join('')
    for (const s of secrets) {
      for (const form of [s.toString('hex'), s.toString('base64'), s.toString('base64url')]) {
        assert.not.ok(events.includes(form), 'events hold a secret')
        assert.not.ok(logs.includes(form), 'logs hold a secret')
        assert.is(vaultBytes.indexOf(Buffer.from(form)), -1, 'vault holds an encoded secret')
      }
      assert.is(vaultBytes.indexOf(s), -1, 'vault holds a raw secret')
    }
  } finally {
    await f.close()
  }
})

test('an allowed call whose usage record cannot be stored fails closed: no plaintext is handed out unaudited', async () => {
  const f = cryptoFixture()
  try {
    const key = await f.createKey()
    const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('p') }))
    const append = f.store.append.bind(f.store)
    f.store.append = async (streamId, expected, events) => {
      if (streamId.startsWith('keyusage-')) throw new Error('usage store down')
      return append(streamId, expected, events)
    }
    const r = await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })
    assert.ok(E.isLeft(r) && r.left.code === 'InternalFailure')
  } finally {
    await f.close()
  }
})

test.run()
