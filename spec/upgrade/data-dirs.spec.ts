import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { constants, createPublicKey, verify } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { $kms, kmsClient, popClient, sdkError } from '../support/sdk-clients.ts'
import { startServerProcess, type ServerProcess } from '../support/server-process.ts'

// Data outlives code (docs/architecture.md §12, "Data outlives code"; issue "Operations" item 3): a data dir written by any released
// version is served by this one. spec/fixtures/data-dirs/<release>/ holds the data dir a release wrote
// (scripts/fixtures/make-data-dir-fixture.ts) and the answers it gave; each is copied to a temp dir, served by
// the current code through the official clients, and must give the same answers: every ciphertext decrypts,
// every signature verifies, every state, date, alias, tag and history entry is kept, the CLI access key still
// signs, and `keyledger audit verify` passes. A new release adds its folder; nothing here changes.
// The scheduler is off while serving: due rotations and ended pending windows would otherwise (rightly) change
// the states being compared. The scheduler's own upgrade path is its specs' subject, not this one's.

const FIXTURES = fileURLToPath(new URL('../fixtures/data-dirs/', import.meta.url))
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Cipher { keyId: string; keyVersionId: string; ciphertextBlob: string; plaintext: string; encryptionContext?: Record<string, string>; via: string }
interface Expected {
  release: string
  accessKeys: { bootstrap: { id: string; secret: string }; cli: { id: string; secret: string } }
  keys: Record<string, string>
  described: Record<string, Record<string, unknown>>
  versions: Record<string, unknown[]>
  tags: Record<string, unknown[]>
  aliases: unknown[]
  aliasesByKey: Record<string, unknown[]>
  history: Record<string, unknown[]>
  publicKeys: Record<string, string>
  keyPolicy: string
  ciphertexts: Cipher[]
  dataKeys: (Cipher & { kind: string })[]
  signatures: { keyId: string; keyVersionId: string; algorithm: string; message: string; digest: string; value: string }[]
  asymmetricCiphertexts: { keyId: string; keyVersionId: string; algorithm: string; ciphertextBlob: string; plaintext: string }[]
}

const releases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
// The calls wait long: this spec shares two cores with every other one (pop-core's default is 3 s).
const TIMEOUT = { method: 'POST', timeout: 60_000 }

const guard = suite('data-dir fixtures')
guard('there is a fixture for the first release, 0.1.0, and each has its data dir and expected answers', () => {
  assert.ok(releases.includes('0.1.0'), releases.join(', '))
  for (const r of releases) assert.equal(readdirSync(join(FIXTURES, r)).filter((f) => f !== 'README.md').sort(), ['data-dir', 'expected.json'], r)
})
guard.run()
const b64 = (s: string) => Buffer.from(s).toString('base64')
const text = (b: string) => Buffer.from(b, 'base64').toString()
/** pop-core's parsed answers are not plain objects; compared as the JSON they were sent as. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null))

for (const release of releases) {
  const test = suite(`a data dir written by ${release}`)
  const x = JSON.parse(readFileSync(join(FIXTURES, release, 'expected.json'), 'utf8')) as Expected
  const roleOf = (keyId: string) => Object.entries(x.keys).find(([, id]) => id === keyId)![0]
  let dir = ''
  let server: ServerProcess
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let call: (action: string, params?: Record<string, unknown>) => Promise<any>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let sdk: any

  test.before(async () => {
    dir = mkdtempSync(join(tmpdir(), `keyledger-upgrade-${release}-`))
    cpSync(join(FIXTURES, release, 'data-dir'), dir, { recursive: true })
    // A git checkout does not keep file modes; the server refuses key files others could read.
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o600)
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>
    server = await startServerProcess(dir, { ...config, listen: '127.0.0.1:0', scheduler: { enabled: false } })
    const pop = popClient(server.port, x.accessKeys.bootstrap)
    call = (action, params = {}) => pop.request(action, params, TIMEOUT)
    sdk = kmsClient(server.port, x.accessKeys.bootstrap, { readTimeout: 60_000 })
  })

  test.after(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- read defensively from a fixture
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test(`given the ${release} data dir, when served, then every key's history is kept entry for entry (who, when, from where, request id)`, async () => {
    for (const [role, keyId] of Object.entries(x.keys)) {
      const served = plain((await call('ListKeyHistory', { KeyId: keyId, PageSize: 100 })).Events.Event)
      assert.equal(served, x.history[role], `history of the ${role} key`)
    }
    assert.ok(Object.values(x.history).some((h) => JSON.stringify(h).includes('denied Rejected.Disabled')), 'a refused call is part of the history')
  })

  test('then every key keeps its metadata: state, dates, spec, usage, origin, rotation policy, deletion protection, description', async () => {
    for (const [role, keyId] of Object.entries(x.keys)) {
      const served = (await call('DescribeKey', { KeyId: keyId })).KeyMetadata as Record<string, unknown>
      // Every field the release answered, with its value; a later version may add fields.
      for (const [field, value] of Object.entries(x.described[role]!)) assert.equal(plain(served[field]), value, `${role}.${field}`)
    }
    const states = Object.values(x.described).map((d) => d['KeyState'])
    for (const s of ['Enabled', 'Disabled', 'PendingDeletion']) assert.ok(states.includes(s), `the fixture has a ${s} key`)
    assert.ok(Object.values(x.described).some((d) => d['DeletionProtection'] === 'Enabled'), 'the fixture has a protected key')
  })

  test('then versions, public keys, aliases, tags and the key policy are kept', async () => {
    for (const [role, keyId] of Object.entries(x.keys)) {
      assert.equal(plain((await call('ListKeyVersions', { KeyId: keyId, PageSize: 100 })).KeyVersions.KeyVersion), x.versions[role], `versions of ${role}`)
      assert.equal(plain((await call('ListResourceTags', { KeyId: keyId })).Tags?.Tag ?? []), x.tags[role], `tags of ${role}`)
      assert.equal(plain((await call('ListAliasesByKeyId', { KeyId: keyId, PageSize: 100 })).Aliases.Alias), x.aliasesByKey[role], `aliases of ${role}`)
    }
    assert.equal(plain((await call('ListAliases', { PageSize: 100 })).Aliases.Alias), x.aliases)
    for (const [role, pem] of Object.entries(x.publicKeys)) {
      const keyId = x.keys[role]!
      const versionId = (x.versions[role]![0] as { KeyVersionId: string }).KeyVersionId
      assert.is((await call('GetPublicKey', { KeyId: keyId, KeyVersionId: versionId })).PublicKey, pem, `public key of ${role}`)
    }
    assert.is((await call('GetKeyPolicy', { KeyId: x.keys['aes'], PolicyName: 'default' })).Policy, x.keyPolicy)
    assert.ok(Object.values(x.versions).some((v) => v.length > 1), 'the fixture has a rotated key')
  })

  const usable = (c: Cipher) => !['disabled', 'pendingDeletion'].includes(roleOf(c.keyId))

  test('then every ciphertext and data key of a usable key decrypts (1.2.0 SDK) to its plaintext, naming its key and version', async () => {
    const all = [...x.ciphertexts, ...x.dataKeys].filter(usable)
    assert.ok(all.length >= 8, `only ${all.length} ciphertexts`)
    for (const c of all) {
      const d = await sdk.decrypt(new $kms['DecryptRequest']!({ ciphertextBlob: c.ciphertextBlob, ...(c.encryptionContext ? { encryptionContext: c.encryptionContext } : {}) }))
      const want = x.dataKeys.includes(c as Cipher & { kind: string }) ? c.plaintext : b64(c.plaintext)
      assert.is(d.plaintext, want, `${roleOf(c.keyId)}: ${c.plaintext.slice(0, 40)}`)
      assert.is(d.keyId, c.keyId)
      assert.is(d.keyVersionId, c.keyVersionId)
    }
    const versionsUsed = new Set(x.ciphertexts.filter((c) => roleOf(c.keyId) === 'rotated').map((c) => c.keyVersionId))
    assert.is(versionsUsed.size, 2, 'ciphertexts under both versions of the rotated key')
  })

  test('then a ciphertext with its encryption context changed still does not decrypt (AAD is kept)', async () => {
    const c = x.ciphertexts.find((c) => c.encryptionContext && usable(c))!
    const e = await sdkError(sdk.decrypt(new $kms['DecryptRequest']!({ ciphertextBlob: c.ciphertextBlob, encryptionContext: { ...c.encryptionContext, extra: '1' } })))
    assert.is(e.data['Code'], 'InvalidCiphertext')
  })

  test('then every signature verifies, by the server and by the public key alone; a changed digest does not', async () => {
    assert.ok(x.signatures.length >= 4)
    for (const s of x.signatures) {
      const v = await call('AsymmetricVerify', { KeyId: s.keyId, KeyVersionId: s.keyVersionId, Algorithm: s.algorithm, Digest: s.digest, Value: s.value })
      assert.is(v.Value, true, `${roleOf(s.keyId)} ${s.algorithm}`)
      const other = Buffer.from(s.digest, 'base64')
      other[0]! ^= 1
      const no = await call('AsymmetricVerify', { KeyId: s.keyId, KeyVersionId: s.keyVersionId, Algorithm: s.algorithm, Digest: other.toString('base64'), Value: s.value })
      assert.is(no.Value, false)
      const key = createPublicKey(x.publicKeys[roleOf(s.keyId)]!)
      const padding = s.algorithm.startsWith('RSA_PSS') ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : {}
      assert.ok(verify('sha256', Buffer.from(s.message), { key, ...padding }, Buffer.from(s.value, 'base64')), `${s.algorithm} verifies locally`)
    }
  })

  test('then every asymmetric ciphertext decrypts', async () => {
    for (const c of x.asymmetricCiphertexts) {
      const d = await call('AsymmetricDecrypt', { KeyId: c.keyId, KeyVersionId: c.keyVersionId, Algorithm: c.algorithm, CiphertextBlob: c.ciphertextBlob })
      assert.is(text(d.Plaintext), c.plaintext, c.algorithm)
    }
  })

  test('then the access key made with `keyledger access-keys create` still signs requests', async () => {
    const cli = popClient(server.port, x.accessKeys.cli)
    const d = await cli.request('DescribeKey', { KeyId: x.keys['aes'] }, TIMEOUT)
    assert.is(d.KeyMetadata.KeyId, x.keys['aes'])
    const wrong = popClient(server.port, { ...x.accessKeys.cli, secret: `${x.accessKeys.cli.secret}x` })
    const refused = await wrong.request('DescribeKey', { KeyId: x.keys['aes'] }, TIMEOUT).then(() => undefined, (e: { data?: { Code?: string } }) => e.data?.Code)
    assert.is(refused, 'SignatureDoesNotMatch')
  })

  test('then the kept states still rule (S-6.2 disabled, S-7.1 protected, S-7.2 pending deletion) and the material behind them is kept', async () => {
    const disabled = x.ciphertexts.find((c) => roleOf(c.keyId) === 'disabled')!
    const pending = x.ciphertexts.find((c) => roleOf(c.keyId) === 'pendingDeletion')!
    assert.is((await sdkError(call('Decrypt', { CiphertextBlob: disabled.ciphertextBlob }))).code, 'Rejected.Disabled')
    assert.is((await sdkError(call('Decrypt', { CiphertextBlob: pending.ciphertextBlob }))).code, 'Rejected.PendingDeletion')
    assert.is((await sdkError(call('ScheduleKeyDeletion', { KeyId: x.keys['aes'], PendingWindowInDays: 7 }))).code, 'Rejected.DeletionProtection')
    await call('EnableKey', { KeyId: disabled.keyId })
    await call('CancelKeyDeletion', { KeyId: pending.keyId })
    for (const c of [disabled, pending]) assert.is(text((await call('Decrypt', { CiphertextBlob: c.ciphertextBlob })).Plaintext), c.plaintext)
  })

  test('then, stopped, `keyledger audit verify` finds every hash chain intact against the read store anchor', async () => {
    assert.is(await server.stop(), 0)
    const r = spawnSync(process.execPath, ['bin/keyledger.js', 'audit', 'verify', '--data-dir', dir], { cwd: ROOT, encoding: 'utf8' })
    assert.is(r.status, 0, r.stdout + r.stderr)
    assert.match(r.stdout, 'checked against the read store anchor: every hash chain is intact')
    const events = Number(/(\d+) event\(s\)/.exec(r.stdout)?.[1])
    const recorded = Object.values(x.history).reduce((n, h) => n + h.length, 0)
    assert.ok(events >= recorded, `${events} events verified, the fixture's histories alone hold ${recorded}`)
  })

  test('then `keyledger access-keys list` reads the access-key store it wrote: the CLI key, Active, never its secret', () => {
    const r = spawnSync(process.execPath, ['bin/keyledger.js', 'access-keys', 'list', '--json', '--data-dir', dir], { cwd: ROOT, encoding: 'utf8' })
    assert.is(r.status, 0, r.stderr)
    const listed = JSON.parse(r.stdout) as { accessKeyId: string; status: string }[]
    assert.equal(listed.map((k) => [k.accessKeyId, k.status]), [[x.accessKeys.cli.id, 'Active']])
    assert.not.match(r.stdout, x.accessKeys.cli.secret)
  })

  test.run()
}
