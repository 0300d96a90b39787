import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { IvPool } from '../../../../adapters/crypto/software/iv-pool.ts'
import { aesGcmOpen, aesGcmSeal, IV_BYTES } from '../../../../adapters/crypto/software/symmetric.ts'

// Issue 11: the software AEADs draw their random IVs from batches (adapters/crypto/software/iv-pool.ts). Given
// many IVs across several batches, then each has the asked length, no two are equal, none shares bytes with
// another (a later batch never overwrites an IV already handed out), and each seal still opens.

test('issue 11: given 2,000 IVs drawn across batches, then each is 12 bytes, all differ and none changes afterwards', () => {
  const pool = new IvPool(IV_BYTES)
  const ivs = Array.from({ length: 2000 }, () => pool.next())
  const copies = ivs.map((iv) => Buffer.from(iv).toString('hex'))
  for (const iv of ivs) assert.is(iv.length, IV_BYTES)
  assert.is(new Set(copies).size, ivs.length, 'no IV repeats')
  for (let i = 0; i < 1000; i++) pool.next() // more batches drawn
  assert.equal(ivs.map((iv) => iv.toString('hex')), copies, 'an IV handed out is never rewritten by a later batch')
})

test('issue 11: given AES-GCM seals in a row, then their IVs differ and each opens under its own IV only', () => {
  const key = Buffer.alloc(32, 9)
  const aad = Buffer.from('aad')
  const a = aesGcmSeal(key, Buffer.from('one'), aad)
  const b = aesGcmSeal(key, Buffer.from('one'), aad)
  assert.not.equal(a.iv, b.iv)
  assert.equal(aesGcmOpen(key, a, aad), Buffer.from('one'))
  assert.is(aesGcmOpen(key, { ...a, iv: b.iv }, aad), undefined)
})

test.run()
