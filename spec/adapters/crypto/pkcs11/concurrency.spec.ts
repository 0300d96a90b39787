import { constants, createHash, createPublicKey, randomBytes, verify } from 'node:crypto'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import pkcs11js from 'pkcs11js'
import { findObjects, versionLabel } from '../../../../adapters/crypto/pkcs11/objects.ts'
import { tokenSession } from '../../../support/pkcs11-vectors.ts'
import { freshToken, hsmTest, openExecutor, right, softhsmAvailable, versionRef } from '../../../support/softhsm.ts'

// One active operation per session (CKR_OPERATION_ACTIVE otherwise, platform notes §1.4 pitfall 5): the pool
// gives each in-flight operation its own session, bounded (maxSessions 4 in specs), so many parallel calls of
// mixed kinds all give correct results.

const hsm = softhsmAvailable ? (() => {
  const token = freshToken()
  return { token, executor: openExecutor(token.config) }
})() : null

hsmTest('200 parallel mixed operations (AES-GCM, RSA PSS sign, ECDSA sign, OAEP-SHA256 decrypt) through a 4-session pool are all correct', async () => {
  const { executor } = hsm!
  const aes = versionRef('Aliyun_AES_256')
  const rsa = versionRef('RSA_2048')
  const ec = versionRef('EC_P256')
  await Promise.all([aes, rsa, ec].map(async (r) => right(await executor.generate(r))))
  const rsaPub = createPublicKey(right(await executor.publicKeyPem(rsa)))
  const ecPub = createPublicKey(right(await executor.publicKeyPem(ec)))
  const ops = [...Array(200)].map(async (_, i) => {
    const message = randomBytes(48)
    const digest = createHash('sha256').update(message).digest()
    switch (i % 4) {
      case 0: {
        const aad = Buffer.from(`aad-${i}`)
        const sealed = right(await executor.encrypt(aes, message, aad))
        assert.equal(right(await executor.decrypt(aes, sealed, aad)), message)
        return 'aes'
      }
      case 1: {
        const sig = right(await executor.sign(rsa, 'RSA_PSS_SHA_256', digest))
        assert.ok(verify('sha256', message, { key: rsaPub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig))
        return 'rsa'
      }
      case 2: {
        const sig = right(await executor.sign(ec, 'ECDSA_SHA_256', digest))
        assert.ok(verify('sha256', message, { key: ecPub, dsaEncoding: 'der' }, sig))
        return 'ec'
      }
      default: {
        const ct = right(await executor.asymmetricEncrypt(rsa, 'RSAES_OAEP_SHA_256', message))
        assert.equal(right(await executor.asymmetricDecrypt(rsa, 'RSAES_OAEP_SHA_256', ct)), message)
        return 'oaep'
      }
    }
  })
  const kinds = await Promise.all(ops)
  assert.is(kinds.length, 200)
})

hsmTest('parallel generation of many versions (each asked twice) makes each exactly once; token writes are serialised (SoftHSM answered CKR_GENERAL_ERROR to parallel keygen)', async () => {
  const { executor } = hsm!
  const refs = [...Array(12)].map((_, i) => versionRef(i % 2 ? 'EC_P256K' : 'Aliyun_AES_128'))
  await Promise.all([...refs, ...refs].map(async (r) => right(await executor.generate(r))))
  const t = tokenSession(hsm!.token.config)
  for (const r of refs) {
    const objects = findObjects(t.p11, t.session, [{ type: pkcs11js.CKA_LABEL, value: versionLabel(r.keyId, r.versionId) }])
    assert.is(objects.length, r.spec === 'EC_P256K' ? 2 : 1, `${r.spec} ${r.versionId}`)
  }
  t.close()
})

test.after(async () => {
  if (!hsm) return
  await hsm.executor.close()
  hsm.token.remove()
})

test.run()
