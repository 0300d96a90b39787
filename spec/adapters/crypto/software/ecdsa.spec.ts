import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { ecdsaVerifyDigest, P256, publicPointOf, SECP256K1 } from '../../../../adapters/crypto/software/ecdsa.ts'
import { hex, loadVectors } from '../../../support/wycheproof.ts'
import { executorFixture } from '../../../support/executor-fixture.ts'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()

for (const [file, curve] of [['ecdsa_secp256r1_sha256_test.json', P256], ['ecdsa_secp256k1_sha256_test.json', SECP256K1]] as const) {
  test(`Wycheproof ${file}: the executor's ECDSA verification over the SHA-256 digest (DER signatures)`, () => {
    const vectors = loadVectors(file)
    let checked = 0
    for (const g of vectors.testGroups) {
      const q = publicPointOf(createPublicKey({ key: hex(g.publicKeyDer), format: 'der', type: 'spki' }))
      for (const t of g.tests) {
        if (t.result === 'acceptable') continue
        assert.is(ecdsaVerifyDigest(curve, q, sha256(hex(t.msg)), hex(t.sig)), t.result === 'valid', `tcId ${t.tcId} ${t.comment}`)
        checked++
      }
    }
    assert.ok(checked > 400)
  })
}

test('interop: EC_P256 and EC_P256K signatures the executor makes verify with plain node:crypto, and node\'s verify in the executor', async () => {
  const f = executorFixture()
  try {
    for (const [spec, namedCurve] of [['EC_P256', 'prime256v1'], ['EC_P256K', 'secp256k1']] as const) {
      const ref = await f.generated(spec)
      const pub = createPublicKey(f.must(await f.executor.publicKeyPem(ref)))
      assert.is(pub.asymmetricKeyDetails?.namedCurve, namedCurve)
      for (let i = 0; i < 5; i++) {
        const msg = Buffer.from(`message ${i}`)
        const sig = f.must(await f.executor.sign(ref, 'ECDSA_SHA_256', sha256(msg)))
        assert.ok(verify('sha256', msg, pub, sig), `${spec} signature ${i} verifies in node`)
        assert.ok(f.must(await f.executor.verify(ref, 'ECDSA_SHA_256', sha256(msg), sig)))
        assert.not.ok(f.must(await f.executor.verify(ref, 'ECDSA_SHA_256', sha256(Buffer.from('other')), sig)))
      }
      const { privateKey } = generateKeyPairSync('ec', { namedCurve })
      const foreign = sign('sha256', Buffer.from('m'), privateKey)
      assert.not.ok(f.must(await f.executor.verify(ref, 'ECDSA_SHA_256', sha256(Buffer.from('m')), foreign)), 'another key\'s signature')
    }
  } finally {
    await f.close()
  }
})

test.run()
