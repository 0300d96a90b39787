import * as assert from 'uvu/assert'
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { cryptoFixture } from '../support/crypto-fixture.ts'
import { freshToken, hsmTest, openExecutor, softhsmAvailable } from '../support/softhsm.ts'

// "Only the same material comes back" (API reference §5.11) holds for a hardware instance's keys too: the rule is
// the crypto service's, not each executor's (the PKCS#11 executor used to take a retry's material unchecked).

const HSM_INSTANCE = 'kst-hsm0001'
const token = softhsmAvailable ? freshToken() : null

hsmTest('§5.11 a hardware key refuses different material on re-import, while it has material and after DeleteKeyMaterial', async () => {
  const hsm = openExecutor(token!.config)
  const f = cryptoFixture({ instances: new Map([[HSM_INSTANCE, hsm]]) })
  try {
    const key = await f.createKey({ origin: 'EXTERNAL', kind: 'hardware', instanceId: HSM_INSTANCE })
    const send = async (material: Buffer) => {
      const p = f.ok(await f.crypto.getParametersForImport(f.call(), { keyId: key.keyId, wrappingKeySpec: 'RSA_2048', wrappingAlgorithm: 'RSAES_OAEP_SHA_256' }))
      const wrapped = publicEncrypt({ key: createPublicKey({ key: p.publicKey, format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material)
      return f.crypto.importKeyMaterial(f.call(), { keyId: key.keyId, importToken: p.importToken, encryptedKeyMaterial: wrapped })
    }
    const code = (r: E.Either<{ code: string }, unknown>) => (E.isLeft(r) ? r.left.code : 'success')
    const material = randomBytes(32)
    f.ok(await send(material))
    const enc = f.ok(await f.crypto.encrypt(f.call(), { keyId: key.keyId, plaintext: Buffer.from('on the token') }))
    assert.is(code(await send(randomBytes(32))), 'InvalidKeyMaterial', 'while the key has material')
    assert.is(code(await send(material)), 'success', 'the same material is a retry')
    f.ok(await f.crypto.deleteKeyMaterial(f.call(), { keyId: key.keyId }))
    assert.is(code(await send(randomBytes(32))), 'InvalidKeyMaterial', 'after DeleteKeyMaterial')
    f.ok(await send(material))
    assert.is(f.ok(await f.crypto.decrypt(f.call(), { ciphertextBlob: enc.ciphertextBlob })).plaintext.toString(), 'on the token')
  } finally {
    await f.close()
    await hsm.close()
    token!.remove()
  }
})

hsmTest.run()
