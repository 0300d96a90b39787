import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { loadDataDirRootKey, loadRootKey } from '../../adapters/root-key.ts'

// The one root key rule of the access-key store and the vault (docs/architecture.md §5): KMS_ROOT_KEY (canonical Base64 of 32
// bytes), else a 0600 file made on first use and reused after; a key file others can read is refused; on a
// shared vault (EventStoreDB) only KMS_ROOT_KEY will do.

const inTemp = (run: (dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-root-'))
  try { run(dir) } finally { rmSync(dir, { recursive: true, force: true }) }
}

test('given no key file, the first start creates a 32-byte root key file with mode 0600, and the next start reads the same key', () => inTemp((dir) => {
  const keyFile = join(dir, 'data', 'root.key')
  const first = loadRootKey({ keyFile })
  assert.ok(E.isRight(first) && first.right.origin === 'created' && first.right.key.length === 32)
  assert.is(statSync(keyFile).mode & 0o777, 0o600)
  assert.is(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').length, 32)
  const second = loadRootKey({ keyFile })
  assert.ok(E.isRight(second) && second.right.origin === 'file' && E.isRight(first) && second.right.key.equals(first.right.key))
}))

test('the data dir form (access keys) reads the same file as the vault', () => inTemp((dir) => {
  const viaVault = loadRootKey({ keyFile: join(dir, 'root.key') })
  const viaDataDir = loadDataDirRootKey(dir, {})
  assert.ok(E.isRight(viaVault) && E.isRight(viaDataDir) && viaVault.right.key.equals(viaDataDir.right))
}))

test('a key file readable by group or others stops the start with Config.InsecureRootKeyFile', () => inTemp((dir) => {
  const keyFile = join(dir, 'root.key')
  assert.ok(E.isRight(loadRootKey({ keyFile })))
  for (const mode of [0o640, 0o604, 0o644]) {
    chmodSync(keyFile, mode)
    const r = loadRootKey({ keyFile })
    assert.ok(E.isLeft(r) && r.left.code === 'Config.InsecureRootKeyFile' && r.left.message.includes('chmod 600'), mode.toString(8))
    const d = loadDataDirRootKey(dir, {})
    assert.ok(E.isLeft(d) && d.left.includes('chmod 600'))
  }
}))

test('KMS_ROOT_KEY wins over the file; a malformed value (not Base64, wrong length, not canonical) stops the start', () => inTemp((dir) => {
  const keyFile = join(dir, 'root.key')
  const good = Buffer.alloc(32, 9).toString('base64')
  const r = loadRootKey({ env: good, keyFile })
  assert.ok(E.isRight(r) && r.right.origin === 'env' && r.right.key.equals(Buffer.alloc(32, 9)))
  assert.not.ok(existsSync(keyFile), 'nothing written when the key comes from the environment')
  for (const bad of ['not base64!', Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), good.slice(0, -2)]) {
    const x = loadRootKey({ env: bad, keyFile })
    assert.ok(E.isLeft(x) && x.left.code === 'Config.InvalidRootKey', bad)
    assert.ok(E.isLeft(loadDataDirRootKey(dir, { KMS_ROOT_KEY: bad })))
  }
}))

test('a key file that does not hold 32 Base64 bytes stops the start and is never overwritten', () => inTemp((dir) => {
  const keyFile = join(dir, 'root.key')
  writeFileSync(keyFile, 'short', { mode: 0o600 })
  const r = loadRootKey({ keyFile })
  assert.ok(E.isLeft(r) && r.left.code === 'Config.InvalidRootKey')
  assert.is(readFileSync(keyFile, 'utf8'), 'short')
}))

test('a shared vault: without KMS_ROOT_KEY the start is refused (Config.RootKeyRequired) and no key file is made', () => inTemp((dir) => {
  const keyFile = join(dir, 'root.key')
  const r = loadRootKey({ keyFile, envRequiredBecause: 'the vault is shared' })
  assert.ok(E.isLeft(r) && r.left.code === 'Config.RootKeyRequired' && r.left.message.includes('KMS_ROOT_KEY'))
  assert.not.ok(existsSync(keyFile))
  const ok = loadRootKey({ keyFile, env: Buffer.alloc(32, 1).toString('base64'), envRequiredBecause: 'the vault is shared' })
  assert.ok(E.isRight(ok) && ok.right.origin === 'env')
}))

test.run()
