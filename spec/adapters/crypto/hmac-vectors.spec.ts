import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { CryptoExecutor } from '../../../domain/ports/crypto-executor.ts'
import { executorFixture } from '../../support/executor-fixture.ts'
import { closeHsmFixture, openHsmFixture } from '../../support/hsm-fixture.ts'
import { hsmTest } from '../../support/softhsm.ts'
import { checkMacVectors } from '../../support/mac-vectors.ts'
import { loadVectors } from '../../support/wycheproof.ts'

// HMAC_SHA256 keys (issue 15 item 4) on both executors, checked against Wycheproof HMAC-SHA256 vectors (256-bit
// key group): given the vector's key imported as an HMAC key's material, when the executor makes the MAC of the
// vector's message, then it equals a valid tag and differs from every modified ("invalid") tag.

const soft = executorFixture()
const hsm = openHsmFixture()
const vectors = loadVectors('hmac_sha256_test.json').testGroups.flatMap((g) => g.tests)
const check = async (x: CryptoExecutor, kind: 'software' | 'hardware') => {
  assert.ok(vectors.length >= 12)
  await checkMacVectors(x, kind, 'HMAC_SHA256', vectors)
}

// HMAC_SM3 keys (issue 15 item 4, API reference §5.7), software instances only: Wycheproof hmac_sm3_test.json's
// 256-bit keys with full 256-bit tags (the groups an HMAC_SM3 key's 32-byte material and whole MAC can meet).
const sm3Vectors = loadVectors('hmac_sm3_test.json').testGroups.filter((g) => g.keySize === 256 && g.tagSize === 256).flatMap((g) => g.tests)

test('software executor: HMAC_SHA256 matches the Wycheproof vectors', async () => {
  await check(soft.executor, 'software')
})

test('software executor: HMAC_SM3 matches the Wycheproof HMAC-SM3 vectors (valid and invalid tags)', async () => {
  // given the 81 vectors of the 256-bit key / 256-bit tag group, when the software executor MACs each message with
  // an HMAC_SM3 key holding the vector's key, then valid tags match and invalid ones do not
  assert.ok(sm3Vectors.length >= 80 && sm3Vectors.some((v) => v.result === 'invalid'))
  assert.is(await checkMacVectors(soft.executor, 'software', 'HMAC_SM3', sm3Vectors), sm3Vectors.length)
})

test('a generated HMAC_SM3 key is 256-bit, MACs deterministically with a 32-byte MAC; 128-bit material is refused', async () => {
  const k = await soft.generated('HMAC_SM3')
  const m = Buffer.from('hello')
  const mac = soft.must(await soft.executor.mac(k, m))
  assert.is(mac.length, 32)
  assert.ok(mac.equals(soft.must(await soft.executor.mac(k, m))))
  assert.ok(E.isLeft(await soft.executor.importMaterial({ ...k, versionId: '00000000-0000-4000-8000-0000000000ff' }, Buffer.alloc(16))), '128-bit material refused')
})

hsmTest('PKCS#11 executor: HMAC_SM3 has no mechanism on the token (SoftHSM has no SM3 HMAC), a clear UnsupportedOperation', async () => {
  const ref = { keyId: 'key-hmacsm3hsm0001', versionId: '00000000-0000-4000-8000-000000000531', spec: 'HMAC_SM3' as const, kind: 'hardware' as const, instanceId: 'kst-hmac0001' }
  const r = await hsm!.executor.generate(ref)
  assert.ok(E.isLeft(r) && r.left.code.includes('Unsupported'), E.isLeft(r) ? r.left.code : 'generated')
})

hsmTest('PKCS#11 executor (SoftHSM, CKM_SHA256_HMAC on a generic secret): HMAC_SHA256 matches the Wycheproof vectors', async () => {
  await check(hsm!.executor, 'hardware')
})

test('an HMAC key neither encrypts nor has a public key; an AES key makes no MAC', async () => {
  const h = await soft.generated('HMAC_SHA256')
  assert.ok(E.isLeft(await soft.executor.encrypt(h, Buffer.from('x'), Buffer.alloc(0))))
  assert.ok(E.isLeft(await soft.executor.publicKeyPem(h)))
  const a = await soft.generated('Aliyun_AES_256')
  const r = await soft.executor.mac(a, Buffer.from('x'))
  assert.ok(E.isLeft(r) && r.left.code.includes('Unsupported'), E.isLeft(r) ? r.left.code : 'made a MAC')
})

test('a generated HMAC key is 256-bit and MACs deterministically; another key MACs differently', async () => {
  const a = await soft.generated('HMAC_SHA256')
  const b = await soft.generated('HMAC_SHA256')
  const m = Buffer.from('hello')
  const a1 = soft.must(await soft.executor.mac(a, m))
  assert.is(a1.length, 32)
  assert.ok(a1.equals(soft.must(await soft.executor.mac(a, m))))
  assert.not.ok(a1.equals(soft.must(await soft.executor.mac(b, m))))
})

test.after(async () => {
  await soft.close()
  await closeHsmFixture(hsm)
})
test.run()
