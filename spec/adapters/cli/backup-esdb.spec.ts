import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tar from 'tar'
import { startEsdbDouble } from '../../support/esdb-double/index.ts'
import { popClient } from '../../support/sdk-clients.ts'
import { startServerProcess } from '../../support/server-process.ts'

// Issue 19 #1–#2 on EventStoreDB (docs/operations.md#eventstoredb): the events and the material live in the
// store, so `keyledger backup` copies what keyledger keeps in the data dir (access keys, account and scheduler
// files) and records the store's head; `keyledger restore --config` then checks that the EventStoreDB the
// operator restored with its own procedure reaches that position and that its chains verify, and refuses a store
// that is behind the archive. The EventStoreDB is the in-process double (spec/support/esdb-double) that the real
// `@eventstore/db-client` talks to over gRPC.

const ACCOUNT = '1234567890123456'
const KEY = { id: 'esdbBackupKey', secret: 'esdb-backup-spec-secret-01' }
const base = mkdtempSync(join(tmpdir(), 'keyledger-backup-esdb-'))
const source = join(base, 'source')
const esdb = await startEsdbDouble()
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'esdb', url: esdb.connectionString },
}
// The vault is in EventStoreDB, shared by every node: every node, and the CLI, take the root key from KMS_ROOT_KEY.
const ROOT_KEY = randomBytes(32).toString('base64')
const env = { ...process.env, KMS_ROOT_KEY: ROOT_KEY }
const keyledger = (...argv: string[]) => new Promise<{ code: number; out: string; err: string }>((resolve) => {
  execFile(process.execPath, ['bin/keyledger.js', ...argv], { env, encoding: 'utf8' },
    (e, out, err) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, out, err }))
})
const configFile = (dir: string, store: unknown): string => {
  const f = join(base, `${dir.replaceAll('/', '_')}.json`)
  writeFileSync(f, JSON.stringify({ ...config, store }), { mode: 0o600 })
  return f
}

// Given a server on EventStoreDB with keys, ciphertexts and a CLI access key, taking Encrypt calls meanwhile
mkdirSync(source)
const server = await startServerProcess(source, config, { KMS_ROOT_KEY: ROOT_KEY })
const pop = popClient(server.port, KEY)
const call = (action: string, params: Record<string, unknown>) => pop.request(action, params, { method: 'POST' })
const stored = JSON.parse((await keyledger('access-keys', 'create', '--principal', `acs:ram::${ACCOUNT}:root`, '--json', '--data-dir', source)).out) as { accessKeyId: string; accessKeySecret: string }
const keyId: string = (await call('CreateKey', {})).KeyMetadata.KeyId
const acked: { blob: string; plaintext: string }[] = []
for (let i = 0; i < 5; i++) {
  const plaintext = Buffer.from(`before ${i}`).toString('base64')
  acked.push({ blob: (await call('Encrypt', { KeyId: keyId, Plaintext: plaintext })).CiphertextBlob, plaintext })
}
let loading = true
const load = (async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set to false below while this loop runs
  while (loading) await call('Encrypt', { KeyId: keyId, Plaintext: 'ZHVyaW5n' })
})()

// When the operator backs it up with the server's --config
const archive = join(base, 'backup.tar.gz')
const backup = await keyledger('backup', '--config', join(source, 'config.json'), '--data-dir', source, '--out', archive)
loading = false
await load
await server.stop()
const manifest = async () => {
  const dir = join(base, 'unpacked')
  mkdirSync(dir, { recursive: true })
  await tar.extract({ file: archive, cwd: dir })
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { eventStore: { type: string; lastPosition: number }; files: { name: string }[] }
}

test('an EventStoreDB backup holds the data dir\'s own files, records the store\'s head and says the store needs its own backup', async () => {
  assert.is(backup.code, 0, backup.err)
  assert.match(backup.out, 'kept in EventStoreDB: back it up with its own procedure')
  const m = await manifest()
  assert.is(m.eventStore.type, 'esdb')
  assert.ok(m.eventStore.lastPosition > 0, `head position ${m.eventStore.lastPosition}`)
  const names = m.files.map((f) => f.name).sort()
  assert.ok(names.includes('access-keys.sqlite'), names.join(', '))
  assert.not.ok(names.includes('events.sqlite'), 'no events file: the events are in the store')
  assert.not.ok(names.includes('vault.sqlite'), 'no vault file: the material is in the store\'s vault streams')
})

test('restore --config checks the EventStoreDB reaches the backup\'s position; the restored node decrypts and takes the same access keys', async () => {
  const target = join(base, 'restored')
  mkdirSync(target, { mode: 0o700 })
  const r = await keyledger('restore', archive, '--data-dir', target, '--config', configFile(target, config.store))
  assert.is(r.code, 0, r.err)
  assert.match(r.out, /the EventStoreDB reaches position \d+ \(the backup's is \d+\); audit verify: its hash chains are intact/)
  const again = await startServerProcess(target, config, { KMS_ROOT_KEY: ROOT_KEY })
  try {
    const client = popClient(again.port, KEY)
    for (const a of acked) assert.is((await client.request('Decrypt', { CiphertextBlob: a.blob }, { method: 'POST' })).Plaintext, a.plaintext)
    const byCli = popClient(again.port, { id: stored.accessKeyId, secret: stored.accessKeySecret })
    assert.is((await byCli.request('DescribeKey', { KeyId: keyId }, { method: 'POST' })).KeyMetadata.KeyId, keyId)
  } finally {
    assert.is(await again.stop(), 0)
  }
})

test('restore refuses (exit 4) when the EventStoreDB it is given is behind the backup, and leaves the dir empty', async () => {
  const empty = await startEsdbDouble()
  try {
    const target = join(base, 'behind')
    mkdirSync(target, { mode: 0o700 })
      const r = await keyledger('restore', archive, '--data-dir', target, '--config', configFile(target, { type: 'esdb', url: empty.connectionString }))
    assert.is(r.code, 4, r.out + r.err)
    assert.match(r.err, /Restore\.StoreBehind: the EventStoreDB at esdb:\/\/\S+ ends at position \d+, before the backup's \d+/)
  } finally {
    await empty.stop()
  }
})

test('without --config restore still works and says the store was not checked', async () => {
  const target = join(base, 'unchecked')
  mkdirSync(target, { mode: 0o700 })
  const r = await keyledger('restore', archive, '--data-dir', target)
  assert.is(r.code, 0, r.err)
  assert.match(r.err, 'Restore.StoreNotChecked')
  assert.match(r.out, 'restore its own backup first')
})

test.after(async () => {
  loading = false
  await server.stop()
  await esdb.stop()
  rmSync(base, { recursive: true, force: true })
})
test.run()
