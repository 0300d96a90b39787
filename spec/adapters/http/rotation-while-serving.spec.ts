import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { $kms, kmsClient } from '../../support/sdk-clients.ts'
import { startServerProcess } from '../../support/server-process.ts'

// The scheduler runs inside `keyledger serve` (docs/architecture.md §9). With KMS_ROTATION_UNIT=second (tests and demos only)
// a `7d` policy rotates every 7 seconds: the key gets a new primary version while the server runs, Encrypt moves
// to it, and ciphertext made before the rotation still decrypts (API reference §5.4). There is no API action to
// rotate a symmetric key by hand in 2016-01-20, so this is also the spec of decrypt-after-rotation end to end.
// Real timers, bounded: the rotation job runs every second; the spec gives up after 20 s.

const KEY = { id: 'rotationSpecKey', secret: 'rotation-spec-secret-0001' }
const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-rotation-'))

test('a 7d policy under KMS_ROTATION_UNIT=second rotates while serving; old ciphertext still decrypts', async () => {
  const server = await startServerProcess(dataDir, {
    listen: '127.0.0.1:0', accountId: '1234567890123456', region: 'cn-hangzhou',
    instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
    accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
    store: { type: 'sqlite' },
    scheduler: { schedules: { rotateDueKeys: '* * * * * *' } },
  }, { KMS_ROTATION_UNIT: 'second' })
  try {
    const kms = kmsClient(server.port, KEY)
    const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)
    const keyId = (await kms.createKey(req('CreateKey', { enableAutomaticRotation: true, rotationInterval: '7d' }))).keyMetadata.keyId
    const first = (await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.primaryKeyVersion
    const plaintext = randomBytes(24)
    const old = await kms.encrypt(req('Encrypt', { keyId, plaintext: plaintext.toString('base64') }))
    assert.is(old.keyVersionId, first)
    const deadline = Date.now() + 20_000
    let primary = first
    while (primary === first && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500))
      primary = (await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.primaryKeyVersion
    }
    assert.is.not(primary, first, 'the key rotated within 20 s')
    const versions = (await kms.listKeyVersions(req('ListKeyVersions', { keyId }))).keyVersions.keyVersion.map((v: { keyVersionId: string }) => v.keyVersionId)
    assert.ok(versions.includes(first) && versions.includes(primary))
    const fresh = await kms.encrypt(req('Encrypt', { keyId, plaintext: plaintext.toString('base64') }))
    assert.is(fresh.keyVersionId, primary)
    const d = await kms.decrypt(req('Decrypt', { ciphertextBlob: old.ciphertextBlob }))
    assert.is(d.keyVersionId, first)
    assert.equal(Buffer.from(d.plaintext, 'base64'), plaintext)
    // the policy and DescribeKey keep the real interval: only the scheduler counts seconds
    assert.is((await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.rotationInterval, '604800s')
    assert.match(server.log(), /KMS_ROTATION_UNIT/)
  } finally {
    assert.is(await server.stop(), 0)
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test.run()
