import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { loadRootKey } from '../../adapters/root-key.ts'

// The root key rule shared by the access-key store and the vault: KMS_ROOT_KEY (Base64, 32 bytes), else a 0600
// file `<dataDir>/root.key` made on first use and reused after; a key file others can read is refused.

const withDir = (run: (dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-rk-'))
  try {
    run(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('first use makes a 32-byte key in a 0600 file; the next use reads the same key', () => withDir((dir) => {
  const a = loadRootKey(dir, {})
  assert.ok(E.isRight(a))
  const file = join(dir, 'root.key')
  assert.is(statSync(file).mode & 0o777, 0o600)
  const b = loadRootKey(dir, {})
  assert.ok(E.isRight(a) && E.isRight(b) && a.right.length === 32 && a.right.equals(b.right))
  assert.is(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32)
}))

test('KMS_ROOT_KEY wins and must be Base64 of 32 bytes', () => withDir((dir) => {
  const k = Buffer.alloc(32, 9)
  const r = loadRootKey(dir, { KMS_ROOT_KEY: k.toString('base64') })
  assert.ok(E.isRight(r) && r.right.equals(k))
  assert.ok(E.isLeft(loadRootKey(dir, { KMS_ROOT_KEY: Buffer.alloc(16).toString('base64') })))
  assert.ok(E.isLeft(loadRootKey(dir, { KMS_ROOT_KEY: 'not base64!' })))
}))

test('a key file readable by group or others is refused', () => withDir((dir) => {
  assert.ok(E.isRight(loadRootKey(dir, {})))
  chmodSync(join(dir, 'root.key'), 0o644)
  const r = loadRootKey(dir, {})
  assert.ok(E.isLeft(r) && r.left.includes('chmod 600'))
}))

test.run()
