import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { cryptoFixture } from '../../support/crypto-fixture.ts'

test('CreateKeyVersion (KeyVersionCreated) provisions material for the new version; the first version keeps its own', async () => {
  const f = cryptoFixture()
  try {
    const key = await f.createKey({ spec: 'EC_P256', usage: 'SIGN/VERIFY' })
    f.advanceDays(7)
    const v2 = '00000000-0000-4000-8000-0000000000cc'
    await f.command(key.keyId, { type: 'CreateKeyVersion', versionId: v2 })
    const pem1 = f.ok(await f.crypto.getPublicKey(f.call(), { keyId: key.keyId, keyVersionId: key.versions[0]!.versionId })).publicKey
    const pem2 = f.ok(await f.crypto.getPublicKey(f.call(), { keyId: key.keyId, keyVersionId: v2 })).publicKey
    assert.is.not(pem1, pem2)
  } finally {
    await f.close()
  }
})

test('EXTERNAL-origin keys get no material at creation; unknown instances and external-kind keys have no executor', async () => {
  const f = cryptoFixture()
  try {
    const key = await f.createKey({ origin: 'EXTERNAL' })
    const row = await f.vault.get(key.keyId, key.versions[0]!.versionId)
    assert.ok(E.isRight(row) && row.right === undefined)
    const unknown = f.router.executorFor({ kind: 'software', instanceId: 'kst-nowhere' })
    assert.ok(E.isLeft(unknown) && unknown.left.code === 'InternalFailure')
    const ext = f.router.executorFor({ kind: 'external', instanceId: 'kst-x' })
    assert.ok(E.isLeft(ext) && ext.left.code === 'Rejected.UnsupportedOperation')
    assert.ok(E.isRight(f.router.executorFor({ kind: 'default', instanceId: null })))
  } finally {
    await f.close()
  }
})

test.run()
