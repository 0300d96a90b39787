import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import type { CryptoExecutor, KeyVersionRef } from '../../../domain/ports/crypto-executor.ts'
import { executorFixture } from '../../support/executor-fixture.ts'
import { closeHsmFixture, openHsmFixture } from '../../support/hsm-fixture.ts'
import { hsmTest } from '../../support/softhsm.ts'
import { hex, loadVectors } from '../../support/wycheproof.ts'

// HMAC_SHA256 keys (issue 15 item 4) on both executors, checked against Wycheproof HMAC-SHA256 vectors (256-bit
// key group): given the vector's key imported as an HMAC key's material, when the executor makes the MAC of the
// vector's message, then it equals a valid tag and differs from every modified ("invalid") tag.

const soft = executorFixture()
const hsm = openHsmFixture()
const vectors = loadVectors('hmac_sha256_test.json').testGroups.flatMap((g) => g.tests)
let n = 0

const check = async (x: CryptoExecutor, kind: 'software' | 'hardware') => {
  assert.ok(vectors.length >= 12)
  for (const v of vectors) {
    const ref: KeyVersionRef = { keyId: `key-hmac${String(++n).padStart(8, '0')}`, versionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      spec: 'HMAC_SHA256', kind, instanceId: 'kst-hmac0001' }
    const imported = await x.importMaterial(ref, hex(v.key))
    assert.ok(E.isRight(imported), `tcId ${v.tcId}: import`)
    const mac = await x.mac(ref, hex(v.msg))
    if (E.isLeft(mac)) throw new Error(`tcId ${v.tcId}: ${mac.left.code} ${mac.left.message}`)
    assert.is(mac.right.equals(hex(v.tag)), v.result === 'valid', `tcId ${v.tcId} (${v.comment})`)
  }
}

test('software executor: HMAC_SHA256 matches the Wycheproof vectors', async () => {
  await check(soft.executor, 'software')
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
