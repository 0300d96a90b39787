import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { ACCESS_KEY_DB_FILE, AccessKeyDecryptError, SqliteAccessKeyStore } from '../../../adapters/access-keys/sqlite-store.ts'
import { legacySecretAad, sealSecret } from '../../../adapters/access-keys/secret-box.ts'

// The stored access keys: secrets sealed with AES-256-GCM under the root key, bound to the key id and principal.

const withDir = async (run: (dir: string) => Promise<void> | void) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-aks-'))
  try {
    await run(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('a created key is found with its secret, principal and account; status changes show', () => withDir(async (dir) => {
  const root = randomBytes(32)
  const s = SqliteAccessKeyStore.open(dir, root)
  const k = s.create('acs:ram::42:user/alice', '42', new Date('2026-01-01T00:00:00Z'))
  assert.equal(await s.find(k.accessKeyId), { accessKeyId: k.accessKeyId, secret: k.accessKeySecret, principal: 'acs:ram::42:user/alice', accountId: '42', enabled: true })
  assert.ok(s.setStatus(k.accessKeyId, 'Inactive'))
  assert.is((await s.find(k.accessKeyId))?.enabled, false)
  assert.is(await s.find('LTAInope'), undefined)
  s.close()
}))

test('a row whose principal was edited (a RAM user\'s key turned into the root\'s) no longer decrypts', () => withDir(async (dir) => {
  const root = randomBytes(32)
  const s = SqliteAccessKeyStore.open(dir, root)
  const k = s.create('acs:ram::42:user/alice', '42', new Date())
  const raw = new Database(join(dir, ACCESS_KEY_DB_FILE))
  raw.prepare('UPDATE access_keys SET principal = ? WHERE access_key_id = ?').run('acs:ram::42:root', k.accessKeyId)
  raw.close()
  try {
    await s.find(k.accessKeyId)
    assert.unreachable('the tampered key was accepted')
  } catch (e) {
    assert.instance(e, AccessKeyDecryptError)
    assert.not.match((e as Error).message, k.accessKeySecret)
  }
  s.close()
}))

const editRow = (dir: string, sql: string, ...args: unknown[]) => {
  const raw = new Database(join(dir, ACCESS_KEY_DB_FILE))
  raw.prepare(sql).run(...args)
  raw.close()
}

test('a disabled key whose status was edited back to Active in the file is not accepted', () => withDir(async (dir) => {
  const s = SqliteAccessKeyStore.open(dir, randomBytes(32))
  const k = s.create('acs:ram::42:user/alice', '42', new Date())
  assert.ok(s.setStatus(k.accessKeyId, 'Inactive'))
  assert.is((await s.find(k.accessKeyId))?.enabled, false)
  editRow(dir, `UPDATE access_keys SET status = 'Active' WHERE access_key_id = ?`, k.accessKeyId)
  try {
    const found = await s.find(k.accessKeyId)
    assert.unreachable(`the edited key was accepted (enabled: ${found?.enabled})`)
  } catch (e) {
    assert.instance(e, AccessKeyDecryptError)
  }
  s.close()
}))

test('status changes through the store keep the key usable, both ways', () => withDir(async (dir) => {
  const s = SqliteAccessKeyStore.open(dir, randomBytes(32))
  const k = s.create('acs:ram::42:user/alice', '42', new Date())
  assert.ok(s.setStatus(k.accessKeyId, 'Inactive'))
  assert.ok(s.setStatus(k.accessKeyId, 'Active'))
  assert.equal(await s.find(k.accessKeyId), { accessKeyId: k.accessKeyId, secret: k.accessKeySecret, principal: 'acs:ram::42:user/alice', accountId: '42', enabled: true })
  assert.not.ok(s.setStatus('LTAInope', 'Inactive'))
  s.close()
}))

test('the account is the principal\'s: an edited account_id column changes nothing', () => withDir(async (dir) => {
  const s = SqliteAccessKeyStore.open(dir, randomBytes(32))
  const k = s.create('acs:ram::42:user/alice', '42', new Date())
  editRow(dir, `UPDATE access_keys SET account_id = '99' WHERE access_key_id = ?`, k.accessKeyId)
  assert.is((await s.find(k.accessKeyId))?.accountId, '42')
  assert.is(s.list()[0]?.accountId, '42')
  assert.throws(() => s.create('acs:ram::42:user/bob', '99', new Date()), /does not belong/)
  s.close()
}))

test('a row sealed before the status was bound (v1) is sealed again at open and keeps working', () => withDir(async (dir) => {
  const root = randomBytes(32)
  SqliteAccessKeyStore.open(dir, root).close()
  const sealed = sealSecret(root, legacySecretAad('LTAIlegacy', 'acs:ram::42:root'), 'old-secret')
  editRow(dir, `INSERT INTO access_keys VALUES ('LTAIlegacy', 'acs:ram::42:root', '42', 'Active', '2025-01-01T00:00:00.000Z', ?, ?, ?)`, sealed.iv, sealed.ciphertext, sealed.tag)
  const s = SqliteAccessKeyStore.open(dir, root)
  assert.is((await s.find('LTAIlegacy'))?.secret, 'old-secret')
  assert.ok(s.setStatus('LTAIlegacy', 'Inactive'))
  assert.is((await s.find('LTAIlegacy'))?.enabled, false)
  s.close()
}))

test('another root key cannot open the secrets', () => withDir(async (dir) => {
  const s = SqliteAccessKeyStore.open(dir, randomBytes(32))
  const k = s.create('acs:ram::42:root', '42', new Date())
  s.close()
  const other = SqliteAccessKeyStore.open(dir, randomBytes(32))
  try {
    await other.find(k.accessKeyId)
    assert.unreachable('decrypted under a different root key')
  } catch (e) {
    assert.instance(e, AccessKeyDecryptError)
  }
  other.close()
}))

test.run()
