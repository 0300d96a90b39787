import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { constants, createPublicKey, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { cryptoFixture, type CryptoFixture } from '../support/crypto-fixture.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'

// BYOK (API reference §5.11) as the security review asked: no padding oracle, one refusal for every material
// failure, single-use tokens, and "only the same material comes back" judged by a fingerprint kept only once the
// import is committed.

const withFixture = (name: string, run: (f: CryptoFixture) => Promise<void>) =>
  test(name, async () => {
    const f = cryptoFixture()
    try { await run(f) } finally { await f.close() }
  })

const failure = (r: E.Either<{ code: string; message: string }, unknown>): string => (E.isLeft(r) ? `${r.left.code}: ${r.left.message}` : 'success')

type Algorithm = 'RSAES_OAEP_SHA_256' | 'RSAES_PKCS1_V1_5'
const padding = (a: Algorithm) => (a === 'RSAES_PKCS1_V1_5' ? { padding: constants.RSA_PKCS1_PADDING } : { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' })

const importer = (f: CryptoFixture, keyId: string) => {
  const token = async (algorithm: Algorithm) => {
    const p = f.ok(await f.crypto.getParametersForImport(f.call(), { keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: algorithm }))
    const key: KeyObject = createPublicKey({ key: p.publicKey, format: 'der', type: 'spki' })
    return { importToken: p.importToken, wrap: (m: Buffer) => publicEncrypt({ key, ...padding(algorithm) }, m) }
  }
  const send = (importToken: string, encryptedKeyMaterial: Buffer) => f.crypto.importKeyMaterial(f.call(), { keyId, importToken, encryptedKeyMaterial })
  return { token, send }
}

/** The next append to the key's stream fails as a full disk would; every other append goes through. */
const failNextKeyAppend = (store: { append: EventStore['append'] }, keyId: string): void => {
  const append = store.append.bind(store)
  let failNext = true
  store.append = async (streamId, expected, events) => {
    if (failNext && streamId === `key-${keyId}`) {
      failNext = false
      throw new Error('disk full')
    }
    return append(streamId, expected, events)
  }
}

withFixture('§5.11 RSAES_PKCS1_V1_5: a bad padding, a good padding of the wrong length, OAEP of the wrong length and other material all get one code and one message', async (f) => {
  const key = await f.createKey({ origin: 'EXTERNAL' })
  const imp = importer(f, key.keyId)
  const material = randomBytes(32)
  const first = await imp.token('RSAES_PKCS1_V1_5')
  f.ok(await imp.send(first.importToken, first.wrap(material)))
  f.ok(await f.crypto.deleteKeyMaterial(f.call(), { keyId: key.keyId }))
  const answers: string[] = []
  for (const attempt of [
    async () => imp.send((await imp.token('RSAES_PKCS1_V1_5')).importToken, randomBytes(256)), // random: bad padding
    async () => { const t = await imp.token('RSAES_PKCS1_V1_5'); return imp.send(t.importToken, t.wrap(randomBytes(16))) }, // good padding, 16 bytes
    async () => { const t = await imp.token('RSAES_PKCS1_V1_5'); return imp.send(t.importToken, t.wrap(randomBytes(32))) }, // good padding, other material
    async () => { const t = await imp.token('RSAES_OAEP_SHA_256'); return imp.send(t.importToken, t.wrap(randomBytes(24))) }, // OAEP, wrong length
    async () => imp.send((await imp.token('RSAES_OAEP_SHA_256')).importToken, randomBytes(256)), // OAEP that does not decode
  ]) answers.push(failure(await attempt()))
  assert.equal(new Set(answers).size, 1, answers.join('\n'))
  assert.match(answers[0]!, /^InvalidKeyMaterial: /)
  const t = await imp.token('RSAES_PKCS1_V1_5')
  f.ok(await imp.send(t.importToken, t.wrap(material)))
})

withFixture('§5.11 implicit rejection: on a key that never had material, a badly padded PKCS#1 v1.5 ciphertext is answered like a good one (no oracle)', async (f) => {
  const good = await f.createKey({ origin: 'EXTERNAL' })
  const bad = await f.createKey({ origin: 'EXTERNAL' })
  const g = importer(f, good.keyId)
  const b = importer(f, bad.keyId)
  const gt = await g.token('RSAES_PKCS1_V1_5')
  const bt = await b.token('RSAES_PKCS1_V1_5')
  const forged = Buffer.concat([Buffer.from([0]), randomBytes(255)]) // below n, almost surely not 00 02 …
  assert.is(failure(await g.send(gt.importToken, gt.wrap(randomBytes(32)))), 'success')
  assert.is(failure(await b.send(bt.importToken, forged)), 'success', 'the key took pseudo-random material nobody knows')
  assert.is(f.ok(await f.keys.load(bad.keyId)).status, 'Enabled')
})

withFixture('§5.11 an import token is single-use and bound to its key', async (f) => {
  const a = await f.createKey({ origin: 'EXTERNAL' })
  const b = await f.createKey({ origin: 'EXTERNAL' })
  const ia = importer(f, a.keyId)
  const ib = importer(f, b.keyId)
  const t = await ia.token('RSAES_OAEP_SHA_256')
  const material = randomBytes(32)
  assert.is(failure(await ib.send(t.importToken, t.wrap(material))).split(':')[0], 'InvalidImportToken', 'bound to key a')
  f.ok(await ia.send(t.importToken, t.wrap(material)))
  assert.is(failure(await ia.send(t.importToken, t.wrap(material))).split(':')[0], 'InvalidImportToken', 'spent')
})

withFixture('§5.11 the fingerprint is kept only once the import is committed: an import whose event was not stored does not bind the key', async (f) => {
  const key = await f.createKey({ origin: 'EXTERNAL' })
  const imp = importer(f, key.keyId)
  failNextKeyAppend(f.store, key.keyId)
  const t1 = await imp.token('RSAES_OAEP_SHA_256')
  assert.is.not(failure(await imp.send(t1.importToken, t1.wrap(randomBytes(32)))), 'success')
  assert.is(f.ok(await f.keys.load(key.keyId)).status, 'PendingImport')
  const t2 = await imp.token('RSAES_OAEP_SHA_256')
  const material = randomBytes(32)
  f.ok(await imp.send(t2.importToken, t2.wrap(material)))
  assert.is(f.ok(await f.keys.load(key.keyId)).status, 'Enabled')
  const stored = await f.vault.get(key.keyId, key.versions[0]!.versionId)
  assert.ok(E.isRight(stored) && stored.right?.material.equals(material), 'the committed material is the one the key uses')
})

withFixture('§5.11 an import the key refused whose material cannot be removed says so (never silent); the next import clears it', async (f) => {
  // given an import whose event cannot be stored, and a vault that then cannot remove the material
  const key = await f.createKey({ origin: 'EXTERNAL' })
  const imp = importer(f, key.keyId)
  failNextKeyAppend(f.store, key.keyId)
  const put = f.vault.put.bind(f.vault)
  const destroyImported = f.vault.destroyImported.bind(f.vault)
  let stored = false
  f.vault.put = async (...args) => {
    await put(...args)
    stored = true
  }
  f.vault.destroyImported = async (keyId) => {
    if (stored) throw new Error('SQLITE_READONLY: attempt to write a readonly database')
    return destroyImported(keyId)
  }
  // when the import is sent
  const t1 = await imp.token('RSAES_OAEP_SHA_256')
  const answer = failure(await imp.send(t1.importToken, t1.wrap(randomBytes(32))))
  // then the answer names both failures and what was left
  assert.match(answer, /^InternalFailure: /)
  assert.match(answer, 'disk full')
  assert.match(answer, 'SQLITE_READONLY')
  assert.match(answer, 'left in the executor')
  // and once the vault works again, the next import (other material) clears it and is the one the key uses
  f.vault.destroyImported = destroyImported
  const t2 = await imp.token('RSAES_OAEP_SHA_256')
  const material = randomBytes(32)
  f.ok(await imp.send(t2.importToken, t2.wrap(material)))
  const kept = await f.vault.get(key.keyId, key.versions[0]!.versionId)
  assert.ok(E.isRight(kept) && kept.right?.material.equals(material))
})

test.run()
