import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { ACCESS_KEY_DB_FILE, AccessKeyDecryptError, SqliteAccessKeyStore } from '../../../adapters/access-keys/sqlite-store.ts'

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
