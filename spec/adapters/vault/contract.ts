import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { KmsError } from '../../../domain/errors.ts'
import type { KeyVault, StoredMaterial } from '../../../domain/ports/key-vault.ts'
import { rowAad, unwrap, type WrappedMaterial } from '../../../adapters/vault/wrap.ts'

/**
 * The KeyVault contract (docs/architecture.md §5): SqliteKeyVault and EsdbKeyVault both run it. `open(rootKey)` opens the same
 * vault (its storage survives); `storage()` is every byte the backing store holds (the SQLite file and its WAL, the
 * double's whole log): what someone with the disk would see.
 */
export interface VaultUnderTest {
  open(rootKey: Buffer): Promise<E.Either<KmsError, KeyVault>>
  storage(): Buffer
  /** The key's material rows as stored (read around the vault): what wrap.ts made. */
  wrapped(keyId: string): { versionId: string; kind: string; w: WrappedMaterial }[]
  cleanup(): Promise<void>
}

const V1 = '00000000-0000-4000-8000-000000000001'
const V2 = '00000000-0000-4000-8000-000000000002'

const must = <A>(r: E.Either<KmsError, A>): A => {
  if (E.isLeft(r)) throw new Error(`${r.left.code}: ${r.left.message}`)
  return r.right
}
const material = async (vault: KeyVault, keyId: string, versionId: string): Promise<StoredMaterial | undefined> => must(await vault.get(keyId, versionId))

/** Every form a secret could be stored in, raw or encoded. */
const forms = (b: Buffer): Buffer[] => [b, Buffer.from(b.toString('hex')), Buffer.from(b.toString('base64'))]
const holds = (storage: Buffer, secret: Buffer): boolean => forms(secret).some((f) => storage.indexOf(f) >= 0)

export const vaultContract = (name: string, make: () => Promise<VaultUnderTest>): void => {
  const test = suite(`vault contract: ${name}`)
  let t: VaultUnderTest
  let vault: KeyVault
  let rootKey: Buffer
  test.before.each(async () => {
    t = await make()
    rootKey = randomBytes(32)
    vault = must(await t.open(rootKey))
  })
  test.after.each(async () => {
    await vault.close()
    await t.cleanup()
  })

  test('put then get returns the material, its kind and origin; neither the material nor its hex or Base64 is stored', async () => {
    const m = randomBytes(32)
    const der = randomBytes(121)
    await vault.put('key-aaaaaaaa', V1, 'raw', m, false)
    await vault.put('key-aaaaaaaa', V2, 'pkcs8', der, false)
    const a = await material(vault, 'key-aaaaaaaa', V1)
    const b = await material(vault, 'key-aaaaaaaa', V2)
    assert.ok(a && a.material.equals(m) && a.kind === 'raw' && !a.imported)
    assert.ok(b && b.material.equals(der) && b.kind === 'pkcs8')
    assert.is(await material(vault, 'key-aaaaaaaa', '00000000-0000-4000-8000-000000000009'), undefined)
    assert.is(await material(vault, 'key-bbbbbbbb', V1), undefined)
    assert.not.ok(holds(t.storage(), m), 'plaintext material in storage')
    assert.not.ok(holds(t.storage(), der), 'plaintext material in storage')
  })

  test('the rows are wrap.ts rows: AES-256-GCM under the root key, AAD binding key id, version id and kind', async () => {
    const m = randomBytes(32)
    await vault.put('key-aaaaaaaa', V1, 'raw', m, false)
    const [row, ...more] = t.wrapped('key-aaaaaaaa')
    assert.is(more.length, 0)
    assert.ok(row && row.versionId === V1 && row.kind === 'raw')
    assert.ok(unwrap(rootKey, row.w, rowAad('material', 'key-aaaaaaaa', V1, 'raw'))?.equals(m))
    assert.is(unwrap(rootKey, row.w, rowAad('material', 'key-bbbbbbbb', V1, 'raw')), undefined, 'bound to its key')
    assert.is(unwrap(rootKey, row.w, rowAad('material', 'key-aaaaaaaa', V2, 'raw')), undefined, 'bound to its version')
  })

  test('the vault keeps its own copy of the root key: a caller that wipes its buffer after open (as serve does) changes nothing', async () => {
    await vault.close()
    const given = Buffer.from(rootKey)
    vault = must(await t.open(given))
    given.fill(0)
    const m = randomBytes(32)
    await vault.put('key-aaaaaaaa', V1, 'raw', m, false)
    const [row] = t.wrapped('key-aaaaaaaa')
    assert.ok(row && unwrap(rootKey, row.w, rowAad('material', 'key-aaaaaaaa', V1, 'raw'))?.equals(m), 'wrapped under the root key')
    assert.is(unwrap(Buffer.alloc(32), row.w, rowAad('material', 'key-aaaaaaaa', V1, 'raw')), undefined, 'not under an all-zero key')
  })

  test('a version keeps its first material (generation is idempotent); a reopened vault under the same root key reads it', async () => {
    const first = randomBytes(32)
    await vault.put('key-aaaaaaaa', V1, 'raw', first, false)
    await vault.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
    assert.ok((await material(vault, 'key-aaaaaaaa', V1))?.material.equals(first))
    await vault.close()
    vault = must(await t.open(rootKey))
    assert.ok((await material(vault, 'key-aaaaaaaa', V1))?.material.equals(first))
  })

  test('a different root key is refused at open with Config.WrongRootKey, as a value', async () => {
    await vault.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
    const other = await t.open(randomBytes(32))
    assert.ok(E.isLeft(other) && other.left.code === 'Config.WrongRootKey')
  })

  test('re-import (API reference §5.11): matching reads only; the first recorded fingerprint stays; different material does not match, the same does', async () => {
    const m = randomBytes(32)
    assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', m), 'nothing recorded: anything matches')
    assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', randomBytes(32)), 'a match records nothing (only a committed import does)')
    assert.equal(await vault.keyIds(), [], 'no row was written')
    await vault.recordImportedFingerprint('key-dddddddd', m)
    assert.not.ok(await vault.matchesImportedFingerprint('key-dddddddd', randomBytes(32)))
    assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', m))
    await vault.recordImportedFingerprint('key-dddddddd', randomBytes(32))
    assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', m), 'the first committed fingerprint is kept')
    assert.ok(await vault.matchesImportedFingerprint('key-eeeeeeee', randomBytes(32)), 'per key')
    assert.not.ok(holds(t.storage(), m), 'the fingerprint is keyed, not the material')
    await vault.close()
    vault = must(await t.open(rootKey))
    assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', m), 'kept across a reopen')
    assert.not.ok(await vault.matchesImportedFingerprint('key-dddddddd', randomBytes(32)))
  })

  test('destroyImported removes only imported material; the fingerprint stays; the same material can come back', async () => {
    const imported = randomBytes(32)
    const generated = randomBytes(32)
    await vault.put('key-dddddddd', V1, 'raw', imported, true)
    await vault.recordImportedFingerprint('key-dddddddd', imported)
    await vault.put('key-dddddddd', V2, 'raw', generated, false)
    assert.ok((await material(vault, 'key-dddddddd', V1))?.imported)
    await vault.destroyImported('key-dddddddd')
    await vault.destroyImported('key-dddddddd')
    assert.is(await material(vault, 'key-dddddddd', V1), undefined)
    assert.ok((await material(vault, 'key-dddddddd', V2))?.material.equals(generated))
    assert.not.ok(await vault.matchesImportedFingerprint('key-dddddddd', randomBytes(32)))
    assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', imported))
    await vault.put('key-dddddddd', V1, 'raw', imported, true)
    assert.ok((await material(vault, 'key-dddddddd', V1))?.material.equals(imported))
  })

  test('import tokens: wrapped, bound to their key; another key or an unknown token finds nothing', async () => {
    const pk = randomBytes(200)
    const expiresAt = new Date(Date.now() + 3600_000).toISOString()
    await vault.putImportToken({ tokenId: 'tok-1', keyId: 'key-aaaaaaaa', algorithm: 'RSAES_OAEP_SHA_256', expiresAt, privateKeyPkcs8: pk })
    const got = must(await vault.getImportToken('key-aaaaaaaa', 'tok-1'))
    assert.ok(got && got.privateKeyPkcs8.equals(pk) && got.algorithm === 'RSAES_OAEP_SHA_256' && got.expiresAt === expiresAt)
    assert.is(must(await vault.getImportToken('key-bbbbbbbb', 'tok-1')), undefined)
    assert.is(must(await vault.getImportToken('key-aaaaaaaa', 'tok-2')), undefined)
    assert.not.ok(holds(t.storage(), pk))
    assert.equal(await vault.importTokenKeyIds(), ['key-aaaaaaaa'], 'a key with a token is listed (the shredding reconciliation)')
  })

  test('import tokens are single-use: a deleted (spent) token is found no more; the key’s other tokens stay; idempotent', async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString()
    const [pk1, pk2] = [randomBytes(200), randomBytes(200)]
    await vault.putImportToken({ tokenId: 'tok-1', keyId: 'key-aaaaaaaa', algorithm: 'RSAES_OAEP_SHA_256', expiresAt, privateKeyPkcs8: pk1 })
    await vault.putImportToken({ tokenId: 'tok-2', keyId: 'key-aaaaaaaa', algorithm: 'RSAES_PKCS1_V1_5', expiresAt, privateKeyPkcs8: pk2 })
    await vault.deleteImportToken('key-bbbbbbbb', 'tok-1')
    assert.ok(must(await vault.getImportToken('key-aaaaaaaa', 'tok-1')), 'another key id spends nothing')
    await vault.deleteImportToken('key-aaaaaaaa', 'tok-1')
    await vault.deleteImportToken('key-aaaaaaaa', 'tok-1')
    await vault.deleteImportToken('key-aaaaaaaa', 'tok-never')
    assert.is(must(await vault.getImportToken('key-aaaaaaaa', 'tok-1')), undefined)
    assert.ok(must(await vault.getImportToken('key-aaaaaaaa', 'tok-2'))?.privateKeyPkcs8.equals(pk2))
    await vault.close()
    vault = must(await t.open(rootKey))
    assert.is(must(await vault.getImportToken('key-aaaaaaaa', 'tok-1')), undefined, 'still spent after a reopen')
    await vault.destroyKey('key-aaaaaaaa')
    await vault.deleteImportToken('key-aaaaaaaa', 'tok-2') // a destroyed key's token: nothing to do, no failure
    assert.is(must(await vault.getImportToken('key-aaaaaaaa', 'tok-2')), undefined)
    assert.equal(await vault.importTokenKeyIds(), [], 'a destroyed key lists no token')
    assert.not.ok(holds(t.storage(), pk1) || holds(t.storage(), pk2))
  })

  test('listing (vault copy): keyIds and wrappedRows give the rows as stored, still wrapped, with no unwrapping; destroyed rows are not listed', async () => {
    const [a1, a2, imported] = [randomBytes(32), randomBytes(140), randomBytes(32)]
    assert.equal(await vault.keyIds(), [])
    await vault.put('key-bbbbbbbb', V1, 'raw', a1, false)
    await vault.put('key-bbbbbbbb', V2, 'pkcs8', a2, false)
    await vault.put('key-aaaaaaaa', V1, 'raw', imported, true)
    await vault.recordImportedFingerprint('key-aaaaaaaa', imported)
    await vault.putImportToken({ tokenId: 'tok-3', keyId: 'key-cccccccc', algorithm: 'RSAES_OAEP_SHA_256', expiresAt: new Date(Date.now() + 3600_000).toISOString(), privateKeyPkcs8: randomBytes(100) })
    assert.equal(await vault.keyIds(), ['key-aaaaaaaa', 'key-bbbbbbbb'], 'sorted; a key with only an import token has no rows')
    const b = await vault.wrappedRows('key-bbbbbbbb')
    assert.equal(b.map((r) => r.type === 'material' ? [r.versionId, r.kind, r.imported] : r.type), [[V1, 'raw', false], [V2, 'pkcs8', false]])
    const stored = t.wrapped('key-bbbbbbbb')
    for (const r of b) {
      if (r.type !== 'material') continue
      const s = stored.find((x) => x.versionId === r.versionId)!
      assert.ok(r.wrapped.ciphertext.equals(s.w.ciphertext) && r.wrapped.iv.equals(s.w.iv) && r.wrapped.tag.equals(s.w.tag), 'as stored')
      assert.ok(unwrap(rootKey, r.wrapped, rowAad('material', 'key-bbbbbbbb', r.versionId, r.kind))?.equals(r.versionId === V1 ? a1 : a2))
    }
    const a = await vault.wrappedRows('key-aaaaaaaa')
    assert.equal(a.map((r) => r.type === 'material' ? `${r.versionId} imported=${r.imported}` : `${r.type} ${r.fingerprint.length}`).sort(),
      [`${V1} imported=true`, 'fingerprint 32'])
    await vault.destroyImported('key-aaaaaaaa')
    assert.equal((await vault.wrappedRows('key-aaaaaaaa')).map((r) => r.type), ['fingerprint'], 'the fingerprint stays')
    assert.equal(await vault.keyIds(), ['key-aaaaaaaa', 'key-bbbbbbbb'], 'a key with only its fingerprint is still listed (held: the shredding reconciliation destroys it with the key)')
    await vault.destroyKey('key-aaaaaaaa')
    assert.equal(await vault.wrappedRows('key-aaaaaaaa'), [])
    assert.equal(await vault.keyIds(), ['key-bbbbbbbb'])
  })

  test('crypto-shredding: destroyKey makes every version, the fingerprint and the tokens unrecoverable; the wrapped bytes leave storage; other keys stay', async () => {
    await vault.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
    await vault.put('key-aaaaaaaa', V2, 'pkcs8', randomBytes(150), false)
    await vault.recordImportedFingerprint('key-aaaaaaaa', randomBytes(32))
    await vault.putImportToken({ tokenId: 'tok-9', keyId: 'key-aaaaaaaa', algorithm: 'RSAES_OAEP_SHA_256', expiresAt: new Date(Date.now() + 3600_000).toISOString(), privateKeyPkcs8: randomBytes(200) })
    const keep = randomBytes(32)
    await vault.put('key-cccccccc', V1, 'raw', keep, false)
    const wrapped = t.wrapped('key-aaaaaaaa')
    assert.is(wrapped.length, 2)
    for (const r of wrapped) assert.ok(holds(t.storage(), r.w.ciphertext), 'present before')
    const before = t.storage()
    await vault.destroyKey('key-aaaaaaaa')
    await vault.destroyKey('key-aaaaaaaa') // idempotent
    assert.is(await material(vault, 'key-aaaaaaaa', V1), undefined)
    assert.is(await material(vault, 'key-aaaaaaaa', V2), undefined)
    assert.is(must(await vault.getImportToken('key-aaaaaaaa', 'tok-9')), undefined)
    assert.ok((await material(vault, 'key-cccccccc', V1))?.material.equals(keep))
    const after = t.storage()
    assert.ok(after.length < before.length, 'storage shrank')
    for (const r of wrapped) assert.not.ok(holds(after, r.w.ciphertext), 'wrapped material gone from storage')
    assert.is(t.wrapped('key-cccccccc').length, 1)
    await vault.close()
    vault = must(await t.open(rootKey))
    assert.is(await material(vault, 'key-aaaaaaaa', V1), undefined, 'still gone after a reopen')
  })

  test.run()
}
