// `keyledger serve` on EventStoreDB (docs/esdb.md): the server in-process with its event store and vault in the
// double, driven through the official SDK (@alicloud/kms20160120 1.2.0) over HTTP; what it wrote is read back from
// the double with the bare client.
import { EventStoreDBClient } from '@eventstore/db-client'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import pino from 'pino'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startApp } from '../../../../composition/app.ts'
import { buildServeConfig } from '../../../../adapters/cli/serve.ts'
import { decodeConfig } from '../../../../composition/config.ts'
import { vaultStream } from '../../../../adapters/vault/esdb-vault.ts'
import { KEY_A, testConfig } from '../../../support/api-server.ts'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { cryptoOn, newRootKey, startEsdbNode, streamTypes } from '../../../support/esdb-nodes.ts'
import { $kms, kmsClient, popClient, sdkError } from '../../../support/sdk-clients.ts'

const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)

test('selection: KMS_EVENT_STORE=esdb://… makes serve use EventStoreDB; the config file wins; SQLite stays the default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-sel-'))
  try {
    const env = { KMS_ROOT_ACCESS_KEY_ID: 'bootstrapKeyId', KMS_ROOT_ACCESS_KEY_SECRET: 'bootstrap-secret-0123456789' }
    const byEnv = buildServeConfig({ dataDir: dir }, { ...env, KMS_EVENT_STORE: 'esdb://db.internal:2113?tls=false' })
    assert.ok(E.isRight(byEnv))
    assert.equal(E.isRight(byEnv) && byEnv.right.config.store, { type: 'esdb', url: 'esdb://db.internal:2113?tls=false' })
    const byDefault = buildServeConfig({ dataDir: dir }, env)
    assert.is(E.isRight(byDefault) && byDefault.right.config.store.type, 'sqlite')
    const bad = buildServeConfig({ dataDir: dir }, { ...env, KMS_EVENT_STORE: 'mysql://x' })
    assert.ok(E.isLeft(bad) && bad.left.startsWith('KMS_EVENT_STORE'))
    // config file shape
    const base = { ...testConfig(), store: { type: 'esdb', url: 'esdb://h:2113?tls=false' } }
    assert.ok(E.isRight(decodeConfig(base)))
    assert.ok(E.isRight(decodeConfig({ ...base, vault: { type: 'sqlite' } })))
    assert.ok(E.isLeft(decodeConfig({ ...base, store: { type: 'esdb', url: 'http://h' } })))
    assert.ok(E.isLeft(decodeConfig({ ...testConfig(), store: { type: 'sqlite' }, vault: { type: 'esdb' } })), 'an esdb vault needs the esdb store')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('on EventStoreDB without KMS_ROOT_KEY the server refuses to start, and says why', async () => {
  const double = await startEsdbDouble()
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-nokey-'))
  try {
    const err = await startApp(testConfig({ dataDir, store: { type: 'esdb', url: double.connectionString } }), { logger: pino({ level: 'silent' }), env: {} })
      .then(() => undefined, (e: Error) => e)
    assert.ok(err && err.message.startsWith('Config.RootKeyRequired') && err.message.includes('same KMS_ROOT_KEY'), err?.message)
    // with vault {"type":"sqlite"} (one node) the data dir's key file is fine
    const single = await startApp(testConfig({ dataDir, store: { type: 'esdb', url: double.connectionString }, vault: { type: 'sqlite' } }), { logger: pino({ level: 'silent' }), env: {} })
    await single.close()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    await double.stop()
  }
})

test('a key\'s lifecycle through the SDK on EventStoreDB: its events are in the double, its material in vault- streams, wrapped', async () => {
  // given a server whose store and vault are in the double
  const double = await startEsdbDouble()
  const node = await startEsdbNode(double.connectionString, newRootKey())
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    const kms = kmsClient(node.app.api.port, KEY_A)
    const pop = popClient(node.app.api.port, KEY_A)
    // when a key is created, described, listed, tagged, used, disabled and scheduled for deletion
    const keyId: string = (await kms.createKey(req('CreateKey', { description: 'on esdb' }))).keyMetadata.keyId
    assert.is((await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.description, 'on esdb')
    const listed = await kms.listKeys(req('ListKeys', { pageNumber: 1, pageSize: 100 }))
    assert.ok(listed.keys.key.some((k: { keyId: string }) => k.keyId === keyId))
    await kms.tagResource(req('TagResource', { keyId, tags: '[{"TagKey":"env","TagValue":"prod"}]' }))
    const plaintext = randomBytes(40)
    const crypto = cryptoOn(node)
    const enc = await crypto.encrypt(keyId, plaintext)
    assert.ok(E.isRight(enc))
    const dec = E.isRight(enc) ? await crypto.decrypt(enc.right.ciphertextBlob) : undefined
    assert.ok(dec && E.isRight(dec) && dec.right.plaintext.equals(plaintext))
    await kms.disableKey(req('DisableKey', { keyId }))
    const refused = await crypto.encrypt(keyId, plaintext)
    assert.ok(E.isLeft(refused) && refused.left.code === 'Rejected.Disabled')
    assert.is((await sdkError(kms.enableKey(req('EnableKey', { keyId: 'key-nosuchkey1234' })))).data['Code'], 'Forbidden.KeyNotFound')
    await pop.request('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 }, { method: 'POST' })
    // then the key stream in the double holds the lifecycle, in order
    assert.equal(await streamTypes(client, `key-${keyId}`), ['KeyCreated', 'TagBound', 'KeyDisabled', 'DeletionScheduled'])
    assert.ok((await streamTypes(client, `keyusage-${keyId}`)).filter((t) => t === 'ActionInvoked').length >= 2, 'usage recorded')
    // and the material is in the key's vault stream, wrapped: no event anywhere holds the plaintext or the material
    assert.equal(await streamTypes(client, vaultStream(keyId)), ['MaterialWrapped'])
    const everything = Buffer.concat(double.log.records.map((r) => Buffer.from(r.data)))
    assert.is(everything.indexOf(plaintext), -1)
    assert.is(everything.indexOf(Buffer.from(plaintext.toString('base64'))), -1)
    // and no reader of the log sees the vault: not readAll, not a subscription from the start
    const all = await node.app.store.readAll()
    assert.ok(all.some((e) => e.streamId === `key-${keyId}`))
    assert.not.ok(all.some((e) => e.streamId.startsWith('vault-')), 'readAll hides vault streams')
    const seen: string[] = []
    const sub = node.app.store.subscribeAll({ after: 0 }, (e) => void seen.push(e.streamId))
    const head = all.at(-1)!.position
    assert.is(await node.app.store.headPosition(), head, 'the head is the last log event, not a vault event')
    for (let i = 0; i < 100 && seen.length < all.length; i++) await new Promise((r) => setTimeout(r, 20))
    await sub.stop()
    assert.is(seen.length, all.length)
    assert.not.ok(seen.some((s) => s.startsWith('vault-')), 'subscriptions hide vault streams')
  } finally {
    await client.dispose()
    await node.close()
    await double.stop()
  }
})

test.run()
