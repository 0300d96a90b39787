import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createPublicKey } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import smCrypto from 'sm-crypto'
import { parseSequence } from '../../../../adapters/crypto/software/der.ts'
import { sm2MessageDigest, sm2PointFromSpki } from '../../../../adapters/crypto/software/sm2.ts'
import { executorFixture } from '../../../support/executor-fixture.ts'

test('EC_SM2 SM2DSA: the executor signs SM3(Z‖M) and sm-crypto verifies the message with the standard signer id 1234567812345678', async () => {
  const f = executorFixture()
  try {
    const ref = await f.generated('EC_SM2')
    const pem = f.must(await f.executor.publicKeyPem(ref))
    const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' })
    const point = sm2PointFromSpki(spki)!
    assert.ok(point, 'GetPublicKey gives an SM2 SubjectPublicKeyInfo that node parses')
    const msg = Buffer.from('SM2 message')
    const sig = f.must(await f.executor.sign(ref, 'SM2DSA', sm2MessageDigest(point, msg)))
    assert.ok(parseSequence(sig)?.length === 2, 'DER signature')
    assert.ok(smCrypto.sm2.doVerifySignature(msg, sig.toString('hex'), point, { der: true, hash: true, userId: '1234567812345678' }))
    assert.not.ok(smCrypto.sm2.doVerifySignature(msg, sig.toString('hex'), point, { der: true, hash: true, userId: '' }), 'not the empty id node uses')
    assert.ok(f.must(await f.executor.verify(ref, 'SM2DSA', sm2MessageDigest(point, msg), sig)))
    assert.not.ok(f.must(await f.executor.verify(ref, 'SM2DSA', sm2MessageDigest(point, Buffer.from('other')), sig)))
  } finally {
    await f.close()
  }
})

test('EC_SM2 SM2PKE: DER C1C3C2 ciphertext decrypts with sm-crypto (C1C3C2 mode) and sm-crypto\'s decrypts in the executor; tampering is InvalidCiphertext', async () => {
  const f = executorFixture()
  try {
    const ref = await f.generated('EC_SM2')
    const point = sm2PointFromSpki(createPublicKey(f.must(await f.executor.publicKeyPem(ref))).export({ type: 'spki', format: 'der' }))!
    const ct = f.must(await f.executor.asymmetricEncrypt(ref, 'SM2PKE', Buffer.from('国密 plaintext')))
    const items = parseSequence(ct)!
    assert.is(items.length, 4)
    assert.is(items[2]!.value.length, 32, 'C3 is an SM3 hash')
    assert.is(f.must(await f.executor.asymmetricDecrypt(ref, 'SM2PKE', ct)).toString(), '国密 plaintext')
    // From sm-crypto, raw C1C3C2, re-encoded as DER by hand: the executor takes it.
    const raw = Buffer.from(smCrypto.sm2.doEncrypt(Buffer.from('from sm-crypto'), point, 1), 'hex')
    const { derInteger, derOctetString, derSequence } = await import('../../../../adapters/crypto/software/der.ts')
    const der = derSequence(derInteger(BigInt('0x' + raw.subarray(0, 32).toString('hex'))), derInteger(BigInt('0x' + raw.subarray(32, 64).toString('hex'))),
      derOctetString(raw.subarray(64, 96)), derOctetString(raw.subarray(96)))
    assert.is(f.must(await f.executor.asymmetricDecrypt(ref, 'SM2PKE', der)).toString(), 'from sm-crypto')
    const bad = Buffer.from(ct)
    bad[bad.length - 1]! ^= 1
    const refused = await f.executor.asymmetricDecrypt(ref, 'SM2PKE', bad)
    assert.ok(E.isLeft(refused) && refused.left.code === 'InvalidCiphertext')
    const garbage = await f.executor.asymmetricDecrypt(ref, 'SM2PKE', Buffer.from('not der'))
    assert.ok(E.isLeft(garbage) && garbage.left.code === 'InvalidCiphertext')
  } finally {
    await f.close()
  }
})

test.run()
