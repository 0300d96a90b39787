import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createHash, createPublicKey, sign, verify } from 'node:crypto'
import { ecdsaVerifyDigest, invertModOrder, publicKeyBytesOf } from '../../../../adapters/crypto/software/ecdsa.ts'
import { randomBytes } from 'node:crypto'
import { hex, loadVectors } from '../../../support/wycheproof.ts'
import { executorFixture } from '../../../support/executor-fixture.ts'
import { ecKeyPair } from '../../../support/key-pairs.ts'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest()

for (const [file, curve] of [['ecdsa_secp256r1_sha256_test.json', 'prime256v1'], ['ecdsa_secp256k1_sha256_test.json', 'secp256k1']] as const) {
  test(`Wycheproof ${file}: the executor's ECDSA verification over the SHA-256 digest (DER signatures)`, () => {
    const vectors = loadVectors(file)
    let checked = 0
    for (const g of vectors.testGroups) {
      const q = publicKeyBytesOf(createPublicKey({ key: hex(g.publicKeyDer), format: 'der', type: 'spki' }))
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
      const { privateKey } = ecKeyPair(namedCurve)
      const foreign = sign('sha256', Buffer.from('m'), privateKey)
      assert.not.ok(f.must(await f.executor.verify(ref, 'ECDSA_SHA_256', sha256(Buffer.from('m')), foreign)), 'another key\'s signature')
    }
  } finally {
    await f.close()
  }
})

const ORDER = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp256k1: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
} as const

/** r and s of a DER signature (short form lengths: 256-bit curves), and the DER of (r, s). */
const rsOf = (der: Buffer): { r: bigint; s: bigint } => {
  const lr = der[3]!
  const r = BigInt('0x' + der.subarray(4, 4 + lr).toString('hex'))
  const ls = der[5 + lr]!
  return { r, s: BigInt('0x' + der.subarray(6 + lr, 6 + lr + ls).toString('hex')) }
}

const derOf = (r: bigint, s: bigint): Buffer => {
  const int = (n: bigint) => {
    let h = n.toString(16)
    if (h.length % 2) h = '0' + h
    let b = Buffer.from(h, 'hex')
    if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b])
    return Buffer.concat([Buffer.from([0x02, b.length]), b])
  }
  const body = Buffer.concat([int(r), int(s)])
  return Buffer.concat([Buffer.from([0x30, body.length]), body])
}

test('signatures are low-S and hedged (two signatures of one digest differ); high-S signatures (as OpenSSL makes them) verify', async () => {
  const f = executorFixture()
  try {
    for (const [spec, curve] of [['EC_P256', 'prime256v1'], ['EC_P256K', 'secp256k1']] as const) {
      const ref = await f.generated(spec)
      const pub = createPublicKey(f.must(await f.executor.publicKeyPem(ref)))
      const message = Buffer.from('low and high S')
      const digest = sha256(message)
      const a = f.must(await f.executor.sign(ref, 'ECDSA_SHA_256', digest))
      const b = f.must(await f.executor.sign(ref, 'ECDSA_SHA_256', digest))
      assert.not.equal(a, b, `${spec}: fresh randomness in every nonce`)
      const { r, s: sv } = rsOf(a)
      const n = ORDER[curve]
      assert.ok(sv <= n / 2n, `${spec}: low S`)
      const high = derOf(r, n - sv)
      assert.ok(verify('sha256', message, pub, high), `${spec}: node accepts the high-S twin`)
      assert.ok(f.must(await f.executor.verify(ref, 'ECDSA_SHA_256', digest, high)), `${spec}: the high-S twin verifies`)
      assert.not.ok(f.must(await f.executor.verify(ref, 'ECDSA_SHA_256', digest, derOf(r, sv + 1n))), `${spec}: a changed s does not`)
    }
  } finally {
    await f.close()
  }
})

test('the signer\'s inversion mod n (OpenSSL, a^(n−2) mod n): a·a⁻¹ ≡ 1 for 1, n−1 and 500 random a on both curves (issue #11)', () => {
  for (const curve of ['prime256v1', 'secp256k1'] as const) {
    const n = ORDER[curve]
    const samples = [1n, 2n, n - 1n, ...Array.from({ length: 500 }, () => (BigInt('0x' + randomBytes(40).toString('hex')) % (n - 1n)) + 1n)]
    for (const a of samples) assert.is((a * invertModOrder(curve, a)) % n, 1n, `${curve} a=${a.toString(16)}`)
  }
})

test('why the signer does k·G itself: node:crypto cannot sign a given digest with an EC key (sign(null, …) hashes it again)', () => {
  // If a later Node or OpenSSL signs a prehash here, ecdsaSignDigest can become one call (adapters/crypto/software/ecdsa.ts).
  const { privateKey, publicKey } = ecKeyPair('prime256v1')
  const msg = Buffer.from('message')
  const sig = sign(null, sha256(msg), privateKey)
  assert.not.ok(verify('sha256', msg, publicKey, sig), 'not a signature of the message whose digest was given')
  assert.ok(verify('sha256', sha256(msg), publicKey, sig), 'a signature of SHA-256(digest)')
})

test.run()
