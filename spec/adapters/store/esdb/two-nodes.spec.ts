// Two keyledger nodes on one EventStoreDB (docs/esdb.md, "Running on an EventStoreDB cluster"): two servers,
// two data dirs, one double, one KMS_ROOT_KEY. What one node does, the other sees through the store; material
// made on one node is used on the other through the shared vault; a deletion on one shreds it for both; the
// schedulers of both never rotate twice (optimistic concurrency, `decide`).
import { EventStoreDBClient } from '@eventstore/db-client'
import { randomBytes, randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { vaultImportedStream, vaultStream, vaultTokenStream } from '../../../../adapters/vault/esdb-vault.ts'
import { ACCOUNT_A, KEY_A } from '../../../support/api-server.ts'
import { SteppingClock } from '../../../support/authz-server.ts'
import { startEsdbDouble } from '../../../support/esdb-double/index.ts'
import { cryptoOn, eventually, newRootKey, startEsdbNode, streamTypes } from '../../../support/esdb-nodes.ts'
import { $kms, kmsClient, sdkError } from '../../../support/sdk-clients.ts'

const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)
const NEVER = '0 0 1 1 *' // the cron never fires during a spec: runs are driven by hand

test('a key made and used on node A is described, listed and decrypts on node B; deleted on A, B can no longer decrypt and the double no longer holds the wrapped bytes', async () => {
  // given two nodes on one double with the same root key
  const double = await startEsdbDouble()
  const rootKey = newRootKey()
  const a = await startEsdbNode(double.connectionString, rootKey)
  const b = await startEsdbNode(double.connectionString, rootKey)
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    const kmsA = kmsClient(a.app.api.port, KEY_A)
    const kmsB = kmsClient(b.app.api.port, KEY_A)
    // when a key is created on A and a secret encrypted on A
    const keyId: string = (await kmsA.createKey(req('CreateKey', { description: 'shared' }))).keyMetadata.keyId
    const plaintext = randomBytes(32)
    const enc = await cryptoOn(a).encrypt(keyId, plaintext)
    if (E.isLeft(enc)) throw new Error(enc.left.code)
    // then B describes and lists it, and decrypts A's ciphertext with the material from the shared vault
    assert.is((await kmsB.describeKey(req('DescribeKey', { keyId }))).keyMetadata.description, 'shared')
    await eventually(async () => (await kmsB.listKeys(req('ListKeys', { pageSize: 100 }))).keys.key.some((k: { keyId: string }) => k.keyId === keyId), 'B lists the key')
    const onB = await cryptoOn(b).decrypt(enc.right.ciphertextBlob)
    assert.ok(E.isRight(onB) && onB.right.plaintext.equals(plaintext))
    // and B's own encryption decrypts on A
    const encB = await cryptoOn(b).encrypt(keyId, plaintext)
    assert.ok(E.isRight(encB) && E.isRight(await cryptoOn(a).decrypt(encB.right.ciphertextBlob)))
    const wrapped = double.log.records.filter((r) => r.streamId === vaultStream(keyId)).map((r) => Buffer.from(r.data))
    assert.is(wrapped.length, 1)
    // when A schedules its deletion and A's key service deletes it at the end of the window (the scheduler's DeleteKey)
    await kmsA.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 }))
    const later = new Date(Date.now() + 8 * 24 * 3600_000)
    const deleted = await a.app.services.keys.execute(keyId, { type: 'DeleteKey', now: later.toISOString() },
      { principal: `acs:ram::${ACCOUNT_A}:service/keyledger-scheduler`, requestId: randomUUID(), now: later })
    assert.ok(E.isRight(deleted) && deleted.right.events.some((e) => e.type === 'KeyDeleted'))
    // then B can no longer decrypt, through the API's answer or underneath it
    const refused = await cryptoOn(b).decrypt(enc.right.ciphertextBlob)
    assert.ok(E.isLeft(refused) && refused.left.code === 'Forbidden.KeyNotFound', E.isLeft(refused) ? refused.left.code : 'decrypted')
    assert.is((await sdkError(kmsB.describeKey(req('DescribeKey', { keyId })))).data['Code'], 'Forbidden.KeyNotFound')
    // and the double's log holds none of the key's vault events: the wrapped bytes are gone (tombstones)
    for (const w of wrapped) assert.not.ok(double.log.records.some((r) => Buffer.from(r.data).equals(w)), 'wrapped bytes gone')
    assert.not.ok(double.log.records.some((r) => [vaultStream(keyId), vaultImportedStream(keyId), vaultTokenStream(keyId)].includes(r.streamId)))
    assert.instance(await streamTypes(client, vaultStream(keyId)).catch((e) => e), Error, 'the vault stream is tombstoned')
    // while the key's history stays for auditors
    assert.equal((await streamTypes(client, `key-${keyId}`)).at(-1), 'KeyDeleted')
  } finally {
    await client.dispose()
    await Promise.allSettled([a.close(), b.close()])
    await double.stop()
  }
})

test('the schedulers of both nodes never rotate twice (expected revisions, decide)', async () => {
  // given two nodes whose schedulers count rotation intervals in seconds (tests only) and run only when told
  const double = await startEsdbDouble()
  const rootKey = newRootKey()
  const clock = new SteppingClock()
  const config = { scheduler: { enabled: true, rotationUnit: 'second' as const, schedules: { rotateDueKeys: NEVER, deleteExpiredPendingKeys: NEVER, expireImportedMaterial: NEVER } } }
  const a = await startEsdbNode(double.connectionString, rootKey, { config, clock })
  const b = await startEsdbNode(double.connectionString, rootKey, { config, clock })
  const client = EventStoreDBClient.connectionString(double.connectionString)
  try {
    const kmsA = kmsClient(a.app.api.port, KEY_A)
    const keyId: string = (await kmsA.createKey(req('CreateKey', { enableAutomaticRotation: true, rotationInterval: '7d' }))).keyMetadata.keyId
    // when the rotation falls due ("7 days" = 7 s) and both schedulers run side by side, again and again
    clock.advance(8_000)
    const runBoth = () => Promise.all([a.app.scheduler!.scheduler.run('rotateDueKeys'), b.app.scheduler!.scheduler.run('rotateDueKeys')])
    await eventually(async () => {
      await runBoth()
      return (await streamTypes(client, `key-${keyId}`)).includes('VersionRotated')
    }, 'a rotation')
    for (let i = 0; i < 5; i++) await runBoth()
    // then exactly one rotation, with material in the shared vault for both versions
    const types = await streamTypes(client, `key-${keyId}`)
    assert.is(types.filter((t) => t === 'VersionRotated').length, 1, types.join(','))
    // (the losing node made material for the version it proposed before its append lost: wrapped, never used,
    // shredded with the key; the vault holds material for every version the key has)
    const dataOf = (stream: string) => double.log.records.filter((r) => r.streamId === stream).map((r) => ({ type: r.type, data: JSON.parse(Buffer.from(r.data).toString()) as { versionId?: string; initialVersionId?: string } }))
    const versions = dataOf(`key-${keyId}`).flatMap((e) => e.type === 'VersionRotated' ? [e.data.versionId!] : e.type === 'KeyCreated' ? [e.data.initialVersionId ?? ''] : [])
    const withMaterial = new Set(dataOf(vaultStream(keyId)).map((e) => e.data.versionId))
    assert.is(versions.length, 2)
    for (const v of versions) assert.ok(withMaterial.has(v), `material for ${v}`)
  } finally {
    await client.dispose()
    await Promise.allSettled([a.close(), b.close()])
    await double.stop()
  }
})

test.run()
