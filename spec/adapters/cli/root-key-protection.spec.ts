import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tar from 'tar'
import { popClient } from '../../support/sdk-clients.ts'
import { startServerProcess } from '../../support/server-process.ts'

// Issue 13 item 1 (finding 1: "a copy of the data dir decrypts everything"). The attack, as the finding did it:
// take a copy of the data dir and a captured ciphertext, run keyledger on the copy with an access key of one's
// own, and ask it to Decrypt. With a plain root.key it prints the plaintext; once root.key is sealed under a
// passphrase (or a token key: root-key-pkcs11.spec.ts) the copy opens nothing, and no file of it holds the root
// key in any encoding. The owner, with the passphrase, keeps every ciphertext.

const ACCOUNT = '1234567890123456'
const OWNER = { id: 'rootKeyOwner', secret: 'root-key-owner-secret-0001' }
const THIEF = { id: 'rootKeyThief', secret: 'root-key-thief-secret-0001' }
const configFor = (key: { id: string; secret: string }, listen = '127.0.0.1:0') => ({
  listen, accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: key.id, accessKeySecret: key.secret }], store: { type: 'sqlite' },
})
const base = mkdtempSync(join(tmpdir(), 'keyledger-root-protect-'))
const dataDir = join(base, 'data')
mkdirSync(dataDir)
const PLAINTEXT = 'the payroll of 2026'
const PASSPHRASE = 'correct horse battery staple 13'

const first = await startServerProcess(dataDir, configFor(OWNER), {}, 120_000)
const owner = popClient(first.port, OWNER)
const keyId: string = (await owner.request('CreateKey', { Description: 'finding 1' }, { method: 'POST' })).KeyMetadata.KeyId
const ciphertext: string = (await owner.request('Encrypt', { KeyId: keyId, Plaintext: Buffer.from(PLAINTEXT).toString('base64') }, { method: 'POST' })).CiphertextBlob
assert.is(await first.stop(), 0)
const plainRootKey = readFileSync(join(dataDir, 'root.key'), 'utf8').trim()

const keyledger = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

/** The attack: a copy of the data dir served with the thief's own access key, asked to Decrypt the captured blob. */
const stealAndDecrypt = async (name: string, env: Record<string, string> = {}): Promise<{ plaintext?: string; refusal?: { code: number | null; out: string } }> => {
  const copy = join(base, name)
  cpSync(dataDir, copy, { recursive: true })
  rmSync(join(copy, 'keyledger.lock'), { force: true })
  try {
    const s = await startServerProcess(copy, configFor(THIEF), env, 120_000)
    try {
      const r = await popClient(s.port, THIEF).request('Decrypt', { CiphertextBlob: ciphertext }, { method: 'POST' })
      return { plaintext: Buffer.from(r.Plaintext, 'base64').toString() }
    } finally {
      await s.stop()
    }
  } catch (e) {
    const m = /the server exited \((\d+)\) before listening; output:\n([\s\S]*)$/.exec((e as Error).message)
    if (!m) throw e
    return { refusal: { code: Number(m[1]), out: m[2]! } }
  }
}

/** Every file of a directory, as bytes, to look for the key in any encoding. */
const everyFile = (dir: string): Buffer[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n)
  return statSync(p).isDirectory() ? everyFile(p) : [readFileSync(p)]
})

test('finding 1 reproduced: with a plain root.key, a copy of the data dir decrypts a captured ciphertext', async () => {
  const r = await stealAndDecrypt('copy-plain')
  assert.is(r.plaintext, PLAINTEXT)
  assert.match(keyledger(['root-key', 'status', '--data-dir', dataDir]).out, 'file (plain Base64: unprotected)')
})

test('given a running server, root-key rewrap is refused (exit 3, DataDir.Locked) and root.key is unchanged', async () => {
  const s = await startServerProcess(dataDir, configFor(OWNER), {}, 120_000)
  try {
    const r = keyledger(['root-key', 'rewrap', '--to', 'passphrase', '--data-dir', dataDir, '--scrypt-log-n', '14'], { KMS_ROOT_KEY_NEW_PASSPHRASE: PASSPHRASE })
    assert.is(r.code, 3, r.out)
    assert.match(r.out, 'DataDir.Locked')
    assert.is(readFileSync(join(dataDir, 'root.key'), 'utf8').trim(), plainRootKey)
  } finally {
    assert.is(await s.stop(), 0)
  }
})

test('a new passphrase is never taken from the command line: rewrap --to passphrase without one is a usage error', () => {
  const r = keyledger(['root-key', 'rewrap', '--to', 'passphrase', '--data-dir', dataDir], { KMS_ROOT_KEY_NEW_PASSPHRASE: '' })
  assert.is(r.code, 2, r.out)
  assert.match(r.out, 'KMS_ROOT_KEY_NEW_PASSPHRASE')
  assert.is(readFileSync(join(dataDir, 'root.key'), 'utf8').trim(), plainRootKey)
})

test('when root.key is sealed with a passphrase, the stolen copy decrypts nothing: no passphrase exits 2, a wrong one exits 4', async () => {
  const passFile = join(base, 'new-passphrase')
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 })
  const r = keyledger(['root-key', 'rewrap', '--to', 'passphrase', '--new-passphrase-file', passFile, '--data-dir', dataDir])
  assert.is(r.code, 0, r.out)
  assert.match(r.out, 'rewrapped from file to passphrase')
  assert.match(keyledger(['root-key', 'status', '--data-dir', dataDir]).out, ': passphrase')
  assert.is(statSync(join(dataDir, 'root.key')).mode & 0o777, 0o600)
  assert.equal(readdirSync(dataDir).filter((n) => n.startsWith('.root.key')), [], 'no temporary file left')

  const key = Buffer.from(plainRootKey, 'base64')
  for (const bytes of everyFile(dataDir)) {
    assert.not.ok(bytes.includes(key), 'raw root key in a file of the data dir')
    assert.not.ok(bytes.includes(Buffer.from(plainRootKey)), 'Base64 root key in a file of the data dir')
    assert.not.ok(bytes.includes(Buffer.from(key.toString('hex'))), 'hex root key in a file of the data dir')
  }

  const none = await stealAndDecrypt('copy-sealed')
  assert.is(none.plaintext, undefined)
  assert.is(none.refusal?.code, 2, none.refusal?.out)
  assert.match(none.refusal!.out, 'Config.RootKeyPassphraseRequired')
  assert.match(none.refusal!.out, 'KMS_ROOT_KEY_PASSPHRASE')

  const wrong = await stealAndDecrypt('copy-sealed-guess', { KMS_ROOT_KEY_PASSPHRASE: 'password1' })
  assert.is(wrong.plaintext, undefined)
  assert.is(wrong.refusal?.code, 4, wrong.refusal?.out)
  assert.match(wrong.refusal!.out, 'Config.WrongRootKeyPassphrase')
  assert.not.match(wrong.refusal!.out, 'password1')
})

test('the owner with the passphrase (file or environment) decrypts as before; every command opens the sealed key', async () => {
  const passFile = join(base, 'passphrase')
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 })
  const s = await startServerProcess(dataDir, configFor(OWNER, '0.0.0.0:0'), {}, 120_000, ['--root-key-passphrase-file', passFile])
  try {
    const r = await popClient(s.port, OWNER).request('Decrypt', { CiphertextBlob: ciphertext }, { method: 'POST' })
    assert.is(Buffer.from(r.Plaintext, 'base64').toString(), PLAINTEXT)
    assert.not.match(s.log(), 'Config.UnprotectedRootKey', 'a sealed root key is not warned about')
    assert.not.match(s.log(), PASSPHRASE)
  } finally {
    assert.is(await s.stop(), 0)
  }
  const ak = keyledger(['access-keys', 'create', '--principal', `acs:ram::${ACCOUNT}:root`, '--data-dir', dataDir], { KMS_ROOT_KEY_PASSPHRASE: PASSPHRASE })
  assert.is(ak.code, 0, ak.out)
})

test('serve warns at start when it listens beyond loopback with a plain root.key in the data dir', async () => {
  const dir = join(base, 'plain-wide')
  mkdirSync(dir)
  const s = await startServerProcess(dir, configFor(OWNER, '0.0.0.0:0'), {}, 120_000)
  try {
    assert.match(s.log(), 'Config.UnprotectedRootKey')
  } finally {
    assert.is(await s.stop(), 0)
  }
  const loopback = await startServerProcess(dir, configFor(OWNER), {}, 120_000)
  try {
    assert.not.match(loopback.log(), 'Config.UnprotectedRootKey')
  } finally {
    assert.is(await loopback.stop(), 0)
  }
})

test('backup keeps its rule for a sealed root.key: left out by default; with --include-root-key it goes in sealed, and restore needs the passphrase', async () => {
  const names = async (file: string) => {
    const list: string[] = []
    await tar.list({ file, onReadEntry: (e) => void list.push(e.path) })
    return list
  }
  const plainArchive = join(base, 'sealed-default.tar.gz')
  const b1 = keyledger(['backup', '--data-dir', dataDir, '--out', plainArchive], { KMS_ROOT_KEY_PASSPHRASE: PASSPHRASE })
  assert.is(b1.code, 0, b1.out)
  assert.not.ok((await names(plainArchive)).includes('root.key'))

  const withKey = join(base, 'sealed-with-key.tar.gz')
  const b2 = keyledger(['backup', '--include-root-key', '--data-dir', dataDir, '--out', withKey], { KMS_ROOT_KEY_PASSPHRASE: PASSPHRASE })
  assert.is(b2.code, 0, b2.out)
  const unpacked = join(base, 'unpacked')
  mkdirSync(unpacked)
  await tar.extract({ file: withKey, cwd: unpacked })
  assert.is(readFileSync(join(unpacked, 'root.key'), 'utf8'), readFileSync(join(dataDir, 'root.key'), 'utf8'), 'the sealed form, as the data dir has it')
  assert.not.ok(readFileSync(join(unpacked, 'root.key')).includes(Buffer.from(plainRootKey)))

  const refused = keyledger(['restore', withKey, '--data-dir', join(base, 'restored-without')], { KMS_ROOT_KEY_PASSPHRASE: '' })
  assert.is(refused.code, 3, refused.out)
  assert.match(refused.out, 'Config.RootKeyPassphraseRequired')
  const restored = keyledger(['restore', withKey, '--data-dir', join(base, 'restored')], { KMS_ROOT_KEY_PASSPHRASE: PASSPHRASE })
  assert.is(restored.code, 0, restored.out)
  assert.match(keyledger(['root-key', 'status', '--data-dir', join(base, 'restored')]).out, ': passphrase')
})

test('rewrap back to file gives the same root key: the plain form the data dir had at first', () => {
  const r = keyledger(['root-key', 'rewrap', '--to', 'file', '--data-dir', dataDir], { KMS_ROOT_KEY_PASSPHRASE: PASSPHRASE })
  assert.is(r.code, 0, r.out)
  assert.match(r.out, 'Config.UnprotectedRootKey')
  assert.is(readFileSync(join(dataDir, 'root.key'), 'utf8').trim(), plainRootKey)
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
