import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { SqliteKeyVault } from '../../../../adapters/vault/sqlite-vault.ts'
import { SoftwareExecutor } from '../../../../adapters/crypto/software/executor.ts'
import type { KeyVersionRef } from '../../../../domain/ports/crypto-executor.ts'

// The executor keeps parsed material for a bounded working set (LRU), not for every version ever used, and drops
// a key's entries when its material is destroyed.

test('the material cache is bounded (LRU) and a destroyed key leaves it; evicted versions still work from the vault', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-cache-'))
  const vault = E.getOrElseW(() => { throw new Error('vault') })(SqliteKeyVault.open(join(dir, 'vault.db'), randomBytes(32)))
  const executor = new SoftwareExecutor(vault, { cacheSize: 3 })
  try {
    const refs: KeyVersionRef[] = Array.from({ length: 6 }, (_, i) => ({
      keyId: `key-cache${String(i).padStart(4, '0')}`, versionId: `v${i}`, spec: 'Aliyun_AES_256', kind: 'software', instanceId: 'kst-soft0001',
    }))
    const aad = Buffer.from('aad')
    const sealed = []
    for (const r of refs) {
      assert.ok(E.isRight(await executor.generate(r)))
      const s = await executor.encrypt(r, Buffer.from(r.keyId), aad)
      assert.ok(E.isRight(s))
      sealed.push(s.right)
    }
    assert.is(executor.cachedVersions, 3)
    const first = await executor.decrypt(refs[0]!, sealed[0]!, aad)
    assert.ok(E.isRight(first) && first.right.toString() === refs[0]!.keyId, 'an evicted version is read from the vault again')
    assert.is(executor.cachedVersions, 3)
    assert.ok(E.isRight(await executor.destroy(refs[0]!.keyId)))
    assert.is(executor.cachedVersions, 2)
    assert.ok(E.isLeft(await executor.decrypt(refs[0]!, sealed[0]!, aad)), 'destroyed material is gone from memory too')
  } finally {
    await executor.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('concurrent calls over more versions than the cache holds: eviction (which zeroes) never hits material a call is using', async () => {
  // The vault is asynchronous: while one call reads it, others load and evict. A call must not use material that
  // was zeroed meanwhile (it would seal under an all-zero key); each call looks up and uses in one stretch.
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-cache-'))
  const vault = E.getOrElseW(() => { throw new Error('vault') })(SqliteKeyVault.open(join(dir, 'vault.db'), randomBytes(32)))
  const executor = new SoftwareExecutor(vault, { cacheSize: 1 })
  try {
    const refs: KeyVersionRef[] = Array.from({ length: 8 }, (_, i) => ({
      keyId: `key-race${String(i).padStart(4, '0')}`, versionId: `v${i}`, spec: i % 2 ? 'Aliyun_SM4' : 'Aliyun_AES_256', kind: 'software', instanceId: 'kst-soft0001',
    }))
    for (const r of refs) assert.ok(E.isRight(await executor.generate(r)))
    const aad = Buffer.from('aad')
    const sealed = await Promise.all(refs.map((r) => executor.encrypt(r, Buffer.from(r.keyId), aad)))
    assert.is(executor.cachedVersions, 1)
    const fresh = new SoftwareExecutor(vault) // reads the vault afresh: sealed under the stored material, or not
    for (const [i, r] of refs.entries()) {
      const s = sealed[i]!
      assert.ok(E.isRight(s))
      const opened = await fresh.decrypt(r, s.right, aad)
      assert.ok(E.isRight(opened) && opened.right.toString() === r.keyId, `${r.keyId} was sealed under its own material`)
    }
    const again = await Promise.all(refs.map((r, i) => executor.decrypt(r, (sealed[i] as E.Right<never>).right, aad)))
    for (const [i, o] of again.entries()) assert.ok(E.isRight(o) && o.right.toString() === refs[i]!.keyId, 'concurrent decrypts too')
  } finally {
    await executor.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
