import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/lib/Either.js'
import { SqliteKeyVault } from '../../../adapters/vault/sqlite-vault.ts'

const V1 = '00000000-0000-4000-8000-000000000001'
const V2 = '00000000-0000-4000-8000-000000000002'

const inTemp = async (run: (path: string) => Promise<void> | void) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-vault-'))
  try { await run(join(dir, 'vault.db')) } finally { rmSync(dir, { recursive: true, force: true }) }
}
const open = (path: string, key: Buffer) => E.getOrElseW((e: { message: string }) => { throw new Error(e.message) })(SqliteKeyVault.open(path, key))

/** The database file and its WAL, as bytes: what someone with the disk would see. */
const fileBytes = (path: string): Buffer => Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p)))

test('material is wrapped: put/get roundtrip, and neither the raw material nor its hex appears in the file', () => inTemp(async (path) => {
  const key = randomBytes(32)
  const vault = open(path, key)
  const material = randomBytes(32)
  await vault.put('key-aaaaaaaa', V1, 'raw', material, false)
  const got = await vault.get('key-aaaaaaaa', V1)
  assert.ok(E.isRight(got) && got.right?.material.equals(material) && got.right.kind === 'raw')
  await vault.close()
  const bytes = fileBytes(path)
  assert.is(bytes.indexOf(material), -1)
  assert.is(bytes.indexOf(Buffer.from(material.toString('hex'))), -1)
}))

test('AAD binding: a row moved to another key or version does not unwrap', () => inTemp(async (path) => {
  const key = randomBytes(32)
  const vault = open(path, key)
  await vault.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
  await vault.close()
  const db = new Database(path)
  db.prepare("INSERT INTO material SELECT 'key-bbbbbbbb', version_id, kind, imported, iv, tag, ciphertext FROM material WHERE key_id = 'key-aaaaaaaa'").run()
  db.prepare("INSERT INTO material SELECT key_id, ?, kind, imported, iv, tag, ciphertext FROM material WHERE key_id = 'key-aaaaaaaa'").run(V2)
  db.close()
  const again = open(path, key)
  const moved = await again.get('key-bbbbbbbb', V1)
  assert.ok(E.isLeft(moved) && moved.left.code === 'InternalFailure')
  const otherVersion = await again.get('key-aaaaaaaa', V2)
  assert.ok(E.isLeft(otherVersion))
  assert.ok(E.isRight(await again.get('key-aaaaaaaa', V1)))
  await again.close()
}))

test('a wrong root key fails cleanly at open with Config.WrongRootKey (no exception)', () => inTemp(async (path) => {
  await open(path, randomBytes(32)).close()
  const r = SqliteKeyVault.open(path, randomBytes(32))
  assert.ok(E.isLeft(r) && r.left.code === 'Config.WrongRootKey')
}))

test('the vault file is a WAL database', () => inTemp(async (path) => {
  await open(path, randomBytes(32)).close()
  const db = new Database(path)
  assert.is(db.pragma('journal_mode', { simple: true }), 'wal')
  db.close()
}))

test('crypto-shredding: destroying a key removes its wrapped bytes from the database file and the WAL; other keys stay', () => inTemp(async (path) => {
  const vault = open(path, randomBytes(32))
  await vault.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
  await vault.put('key-aaaaaaaa', V2, 'raw', randomBytes(32), false)
  await vault.put('key-cccccccc', V1, 'raw', randomBytes(32), false)
  const peek = new Database(path, { readonly: true })
  const wrapped = (peek.prepare("SELECT ciphertext, iv, tag FROM material WHERE key_id = 'key-aaaaaaaa'").all() as { ciphertext: Buffer; iv: Buffer; tag: Buffer }[])
  peek.close()
  assert.is(wrapped.length, 2)
  for (const w of wrapped) assert.ok(fileBytes(path).indexOf(w.ciphertext) >= 0, 'present before')
  await vault.destroyKey('key-aaaaaaaa')
  const after = fileBytes(path)
  for (const w of wrapped) {
    assert.is(after.indexOf(w.ciphertext), -1, 'wrapped material gone from db and WAL')
    assert.is(after.indexOf(w.tag), -1)
  }
  const gone = await vault.get('key-aaaaaaaa', V1)
  assert.ok(E.isRight(gone) && gone.right === undefined)
  const other = await vault.get('key-cccccccc', V1)
  assert.ok(E.isRight(other) && other.right !== undefined)
  await vault.close()
}))

test('destroyImported removes only imported material; the import fingerprint stays so a re-import must be the same', () => inTemp(async (path) => {
  const vault = open(path, randomBytes(32))
  const m = randomBytes(32)
  assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', m))
  await vault.put('key-dddddddd', V1, 'raw', m, true)
  assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', randomBytes(32)), 'nothing is recorded before the import is committed')
  await vault.recordImportedFingerprint('key-dddddddd', m)
  await vault.destroyImported('key-dddddddd')
  const gone = await vault.get('key-dddddddd', V1)
  assert.ok(E.isRight(gone) && gone.right === undefined)
  assert.not.ok(await vault.matchesImportedFingerprint('key-dddddddd', randomBytes(32)))
  assert.ok(await vault.matchesImportedFingerprint('key-dddddddd', m))
  await vault.close()
}))

// Data files are owner-only whatever the umask (spec/adapters/private-file.spec.ts): the vault too.
test('with umask 000, vault.sqlite and its WAL are created 0600; a wider existing file is tightened at the next open', () => inTemp(async (path) => {
  const mode = (p: string) => (statSync(p).mode & 0o777).toString(8)
  const key = randomBytes(32)
  const old = process.umask(0o000)
  try {
    const vault = open(path, key)
    await vault.put('key-aaaaaaaa', V1, 'raw', randomBytes(32), false)
    assert.ok(existsSync(`${path}-wal`))
    for (const p of [path, `${path}-wal`]) assert.is(mode(p), '600', p)
    await vault.close()
    chmodSync(path, 0o644)
    await open(path, key).close()
    assert.is(mode(path), '600')
  } finally {
    process.umask(old)
  }
}))

test.run()
