import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFile, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tar from 'tar'
import { popClient } from '../../support/sdk-clients.ts'
import { signedQuery } from '../../support/signed-request.ts'
import { startServerProcess } from '../../support/server-process.ts'

// Issue 19 #1 and #2, as an operator runs them: `keyledger backup` of a server that keeps taking Encrypt and
// CreateKey calls while the backup runs; `keyledger restore` of that archive into a new data dir (the root key
// moved there apart, never in the archive); a server on the restored dir decrypts every ciphertext acknowledged
// before the backup began, knows every key created before it, takes the same access keys, and `audit verify`
// passes. Then what restore refuses: a non-empty dir, an altered archive, the wrong root key.

const ACCOUNT = '1234567890123456'
const KEY = { id: 'backupSpecKey', secret: 'backup-spec-secret-000001' }
const base = mkdtempSync(join(tmpdir(), 'keyledger-backup-'))
const source = join(base, 'source')
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'sqlite' },
}
const { KMS_ROOT_KEY: _unset, ...env } = process.env
const keyledger = (...argv: string[]) => new Promise<{ code: number; out: string; err: string }>((resolve) => {
  execFile(process.execPath, ['bin/keyledger.js', ...argv], { env, encoding: 'utf8' },
    (e, out, err) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, out, err }))
})

mkdirSync(source)
const server = await startServerProcess(source, config)
const pop = popClient(server.port, KEY)
const call = (action: string, params: Record<string, unknown>) => pop.request(action, params, { method: 'POST' })
const stored = JSON.parse((await keyledger('access-keys', 'create', '--principal', `acs:ram::${ACCOUNT}:root`, '--json', '--data-dir', source)).out) as { accessKeyId: string; accessKeySecret: string }

interface Acked { keyId: string; blob: string; plaintext: string; at: number }
const acked: Acked[] = []
const created: { keyId: string; at: number }[] = []
const firstKey: string = (await call('CreateKey', {})).KeyMetadata.KeyId
created.push({ keyId: firstKey, at: Date.now() })

// The load: Encrypt under every key so far, and a CreateKey every few calls, until told to stop.
let loading = true
const load = (async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set to false by the spec below while this loop runs
  for (let i = 0; loading; i++) {
    if (i % 4 === 3) {
      const keyId: string = (await call('CreateKey', {})).KeyMetadata.KeyId
      created.push({ keyId, at: Date.now() })
      continue
    }
    const keyId = created[i % created.length]!.keyId
    const plaintext = Buffer.from(`message ${i}`).toString('base64')
    const r = await call('Encrypt', { KeyId: keyId, Plaintext: plaintext })
    acked.push({ keyId, blob: r.CiphertextBlob, plaintext, at: Date.now() })
  }
})()
while (acked.length < 10) await new Promise((r) => setTimeout(r, 100))

// A signed request the server accepted before the backup: an attacker on the network who kept it tries it again on
// the restored server, within its 15-minute replay window.
const acceptedBefore = signedQuery(KEY, { Action: 'DescribeKey', KeyId: firstKey })
const firstTry = await fetch(`${server.url}/?${acceptedBefore}`, { method: 'POST' })
await firstTry.arrayBuffer()

// The auditor pins the log's public key (docs/verifiable-log.md): it must still check the restored server's checkpoints.
const pinned = await keyledger('audit', 'public-key', '--data-dir', source)
const archive = join(base, 'backup.tar.gz')
const backupStarted = Date.now()
const backup = await keyledger('backup', '--data-dir', source, '--out', archive)
const ackedDuring = acked.filter((a) => a.at > backupStarted).length
loading = false
await load
const before = acked.filter((a) => a.at < backupStarted)
const keysBefore = created.filter((k) => k.at < backupStarted)

test('backup writes one archive while the server writes; it lists each file with its SHA-256 and never the root key', async () => {
  assert.is(backup.code, 0, backup.err)
  assert.ok(ackedDuring > 0, 'calls were answered while the backup ran')
  assert.match(backup.out, /events up to position \d+/)
  assert.match(backup.out, /needs the root key with fingerprint [0-9a-f]{32} \(not included/)
  const names: string[] = []
  await tar.list({ file: archive, onReadEntry: (e) => void names.push(e.path) })
  // (no account-id: this server's comes from its config)
  assert.equal(names.sort(), ['access-keys.sqlite', 'audit-signing-key.json', 'bootstrap-access-key.json', 'events.sqlite', 'manifest.json', 'nonces.sqlite', 'scheduler-status.json', 'vault.sqlite'])
})

test('restore into a new data dir (the root key moved apart) checks everything and reports what came back', async () => {
  const target = join(base, 'restored')
  mkdirSync(target, { mode: 0o700 })
  copyFileSync(join(source, 'root.key'), join(target, 'root.key'))
  const r = await keyledger('restore', archive, '--data-dir', target)
  assert.is(r.code, 0, r.err)
  assert.match(r.out, new RegExp(`restored \\d+ key\\(s\\), \\d+ live key version\\(s\\) and \\d+ event\\(s\\) \\(up to position \\d+\\) into ${target}`))
  assert.match(r.out, 'audit verify: every hash chain is intact')
  const restored = Number(/restored (\d+) key/.exec(r.out)![1])
  assert.ok(restored >= keysBefore.length, `${restored} keys restored, ${keysBefore.length} made before the backup`)
})

test('the restored server decrypts every ciphertext acknowledged before the backup, with the same access keys, and refuses a replay of a request accepted before it; audit verify passes', async () => {
  await server.stop()
  const target = join(base, 'restored')
  const again = await startServerProcess(target, config)
  try {
    const client = popClient(again.port, KEY)
    for (const a of before) {
      const r = await client.request('Decrypt', { CiphertextBlob: a.blob }, { method: 'POST' })
      assert.is(r.Plaintext, a.plaintext)
      assert.is(r.KeyId, a.keyId)
    }
    for (const k of keysBefore) assert.is((await client.request('DescribeKey', { KeyId: k.keyId }, { method: 'POST' })).KeyMetadata.KeyState, 'Enabled')
    const byCli = popClient(again.port, { id: stored.accessKeyId, secret: stored.accessKeySecret })
    assert.is((await byCli.request('DescribeKey', { KeyId: firstKey }, { method: 'POST' })).KeyMetadata.KeyId, firstKey)
    // and a request accepted before the backup stays a replay: its nonce came back with the journal (nonces.sqlite)
    assert.is(firstTry.status, 200)
    const replay = await fetch(`${again.url}/?${acceptedBefore}`, { method: 'POST' })
    assert.equal([replay.status, ((await replay.json()) as { Code: string }).Code], [400, 'SignatureNonceUsed'])
  } finally {
    assert.is(await again.stop(), 0)
  }
  const v = await keyledger('audit', 'verify', '--data-dir', target)
  assert.is(v.code, 0, v.out + v.err)
})

test('issue 19 #1 (everything keyledger keeps) with issue 14: the restored data dir signs with the same audit key, so the pinned public key still checks its checkpoints', async () => {
  assert.is(pinned.code, 0, pinned.err)
  const target = join(base, 'restored')
  const restoredKey = await keyledger('audit', 'public-key', '--data-dir', target)
  assert.is(restoredKey.code, 0, restoredKey.err)
  assert.is(restoredKey.out, pinned.out, 'same origin, key id and public key')
  const pub = join(base, 'pinned.pub')
  writeFileSync(pub, pinned.out)
  const cp = join(base, 'restored.checkpoint')
  assert.is((await keyledger('audit', 'checkpoint', '--out', cp, '--data-dir', target)).code, 0)
  const v = await keyledger('audit', 'verify', '--checkpoint', cp, '--public-key', pub, '--data-dir', target)
  assert.is(v.code, 0, v.out + v.err)
  assert.match(v.out, 'newest checkpoint the log is consistent with')
})

test('restore refuses a non-empty data dir (exit 3) and writes nothing there', async () => {
  const r = await keyledger('restore', archive, '--data-dir', source)
  assert.is(r.code, 3, r.err)
  assert.match(r.err, 'Restore.TargetNotEmpty')
})

/** The backup unpacked, changed by `alter`, packed again, and restored into a new dir holding only the root key. */
const restoreTampered = async (name: string, alter: (unpacked: string) => void) => {
  const unpacked = join(base, `unpacked-${name}`)
  mkdirSync(unpacked)
  await tar.extract({ file: archive, cwd: unpacked })
  alter(unpacked)
  const tampered = join(base, `${name}.tar.gz`)
  await tar.create({ file: tampered, cwd: unpacked, gzip: true }, readdirSync(unpacked))
  const target = join(base, `from-${name}`)
  mkdirSync(target)
  copyFileSync(join(source, 'root.key'), join(target, 'root.key'))
  return { ...(await keyledger('restore', tampered, '--data-dir', target)), target }
}

test('restore refuses an altered archive (exit 4) naming the file whose hash does not match', async () => {
  const r = await restoreTampered('altered', (dir) => writeFileSync(join(dir, 'scheduler-status.json'), '{}\n'))
  assert.is(r.code, 4, r.err)
  assert.match(r.err, 'Restore.HashMismatch: scheduler-status.json does not match its SHA-256')
  assert.equal(readdirSync(r.target), ['root.key'])
})

test('restore refuses a manifest naming a file keyledger does not back up (a path out of the data dir), exit 4, and writes nothing', async () => {
  const r = await restoreTampered('traversal', (dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { name: string }[] }
    const status = manifest.files.find((f) => f.name === 'scheduler-status.json')!
    manifest.files.push({ ...status, name: '../scheduler-status.json' })
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
  })
  assert.is(r.code, 4, r.err)
  assert.match(r.err, 'Restore.BadManifest: manifest.json lists "../scheduler-status.json", which is not a file keyledger backs up')
  assert.equal(readdirSync(r.target), ['root.key'])
  assert.not.ok(existsSync(join(base, 'scheduler-status.json')))
})

test('restore refuses the wrong root key (exit 4) naming both fingerprints; without any root key it says which one it needs', async () => {
  const target = join(base, 'wrong-key')
  mkdirSync(target)
  writeFileSync(join(target, 'root.key'), `${Buffer.alloc(32, 3).toString('base64')}\n`, { mode: 0o600 })
  const r = await keyledger('restore', archive, '--data-dir', target)
  assert.is(r.code, 4, r.err)
  assert.match(r.err, /Restore\.WrongRootKey: the root key from .*root\.key has fingerprint [0-9a-f]{32}; the backup needs [0-9a-f]{32}/)
  const none = await keyledger('restore', archive, '--data-dir', join(base, 'no-key'))
  assert.is(none.code, 3, none.err)
  assert.match(none.err, /Restore\.NoRootKey: no root key: the backup needs the root key with fingerprint [0-9a-f]{32}/)
  assert.not.ok(existsSync(join(base, 'no-key')))
})

test('--include-root-key puts the key in the archive with a warning; restore then needs no other key', async () => {
  const withKey = join(base, 'with-key.tar.gz')
  const b = await keyledger('backup', '--data-dir', source, '--out', withKey, '--include-root-key')
  assert.is(b.code, 0, b.err)
  assert.match(b.err, 'warning: Backup.RootKeyIncluded')
  const target = join(base, 'from-keyed')
  const r = await keyledger('restore', withKey, '--data-dir', target)
  assert.is(r.code, 0, r.err)
  assert.match(r.out, 'root key from the backup (--include-root-key)')
  assert.ok(existsSync(join(target, 'root.key')))
  assert.is(spawnSync('test', ['-O', join(target, 'root.key')]).status, 0)
})

test.after(async () => {
  loading = false
  await server.stop()
  rmSync(base, { recursive: true, force: true })
})
test.run()
