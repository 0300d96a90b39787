import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { loadRootKey } from '../../../adapters/vault/root-key.ts'

const inTemp = (run: (dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-root-'))
  try { run(dir) } finally { rmSync(dir, { recursive: true, force: true }) }
}

test('given no key file, the first start creates a 32-byte root key file with mode 0600, and the next start reads the same key', () => inTemp((dir) => {
  const keyFile = join(dir, 'data', 'root.key')
  const first = loadRootKey({ keyFile })
  assert.ok(E.isRight(first) && first.right.origin === 'created' && first.right.key.length === 32)
  assert.is(statSync(keyFile).mode & 0o777, 0o600)
  const second = loadRootKey({ keyFile })
  assert.ok(E.isRight(second) && second.right.origin === 'file' && E.isRight(first) && second.right.key.equals(first.right.key))
}))

test('a key file readable by group or others stops the start with Config.InsecureRootKeyFile', () => inTemp((dir) => {
  const keyFile = join(dir, 'root.key')
  assert.ok(E.isRight(loadRootKey({ keyFile })))
  for (const mode of [0o640, 0o604, 0o644]) {
    chmodSync(keyFile, mode)
    const r = loadRootKey({ keyFile })
    assert.ok(E.isLeft(r) && r.left.code === 'Config.InsecureRootKeyFile' && r.left.message.includes('chmod 600'), mode.toString(8))
  }
}))

test('KMS_ROOT_KEY wins over the file; a malformed value (not Base64, wrong length) stops the start', () => inTemp((dir) => {
  const keyFile = join(dir, 'root.key')
  const good = Buffer.alloc(32, 9).toString('base64')
  const r = loadRootKey({ env: good, keyFile })
  assert.ok(E.isRight(r) && r.right.origin === 'env' && r.right.key.equals(Buffer.alloc(32, 9)))
  for (const bad of ['not base64!', Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), good.slice(0, -2)]) {
    const x = loadRootKey({ env: bad, keyFile })
    assert.ok(E.isLeft(x) && x.left.code === 'Config.InvalidRootKey', bad)
  }
}))

test('a key file that does not hold 32 Base64 bytes stops the start', () => inTemp((dir) => {
  const keyFile = join(dir, 'root.key')
  writeFileSync(keyFile, 'short', { mode: 0o600 })
  const r = loadRootKey({ keyFile })
  assert.ok(E.isLeft(r) && r.left.code === 'Config.InvalidRootKey')
  assert.is(readFileSync(keyFile, 'utf8'), 'short', 'never overwritten')
}))

test.run()
