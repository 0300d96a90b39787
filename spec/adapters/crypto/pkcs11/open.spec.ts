import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { decodePkcs11Config } from '../../../../adapters/crypto/pkcs11/config.ts'
import { Pkcs11Executor } from '../../../../adapters/crypto/pkcs11/executor.ts'
import { freshToken, hsmTest, openExecutor, right, softhsmAvailable, versionRef } from '../../../support/softhsm.ts'
import { tokenSession } from '../../../support/pkcs11-vectors.ts'

// Opening the token: found by label (slot ids change on every init), a wrong PIN or label is InternalFailure
// without the PIN in the message, and a lost login is recovered (handles found before it are invalid).

const token = softhsmAvailable ? freshToken('kms-open') : null

hsmTest('config is decoded at the boundary: a missing PIN is InvalidParameter naming the field', () => {
  const r = decodePkcs11Config({ modulePath: '/x.so', tokenLabel: 'kms' })
  assert.ok(E.isLeft(r) && r.left.code === 'InvalidParameter' && r.left.message.includes('"pin"'))
})

// Login state belongs to the process (pitfall 3), so the wrong PIN is tried before any executor logs in.
hsmTest('a wrong PIN is InternalFailure naming CKR_PIN_INCORRECT, and the PIN never appears in the message', () => {
  const r = Pkcs11Executor.open({ ...token!.config, pin: '987654' })
  assert.ok(E.isLeft(r))
  if (E.isLeft(r)) {
    assert.is(r.left.code, 'InternalFailure')
    assert.ok(r.left.message.includes('CKR_PIN_INCORRECT'), r.left.message)
    assert.not.ok(r.left.message.includes('987654'))
  }
})

hsmTest('an unknown token label is InternalFailure', () => {
  const r = Pkcs11Executor.open({ ...token!.config, tokenLabel: 'no-such-token' })
  assert.ok(E.isLeft(r) && r.left.code === 'InternalFailure' && r.left.message.includes('no-such-token'))
})

hsmTest('after the process is logged out, the executor logs in again and finds its keys anew', async () => {
  const executor = openExecutor(token!.config)
  const ref = versionRef('Aliyun_AES_256')
  right(await executor.generate(ref))
  const sealed = right(await executor.encrypt(ref, Buffer.from('before'), Buffer.alloc(0))) // handle cached
  const t = tokenSession(token!.config)
  t.p11.C_Logout(t.session)
  assert.equal(right(await executor.decrypt(ref, sealed, Buffer.alloc(0))), Buffer.from('before'))
  const info = t.p11.C_GetSessionInfo(t.session)
  assert.is(info.state, 3, 'logged in again (CKS_RW_USER_FUNCTIONS)')
  t.close()
  await executor.close()
})

hsmTest('two executors on one token share the module; closing one leaves the other working', async () => {
  const a = openExecutor(token!.config)
  const b = openExecutor(token!.config)
  const ref = versionRef('EC_P256')
  right(await a.generate(ref))
  await a.close()
  right(await b.sign(ref, 'ECDSA_SHA_256', Buffer.alloc(32, 7)))
  const closed = await a.sign(ref, 'ECDSA_SHA_256', Buffer.alloc(32, 7))
  assert.ok(E.isLeft(closed) && closed.left.code === 'InternalFailure')
  await b.close()
})

test.after(() => token?.remove())

test.run()
