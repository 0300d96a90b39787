import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { keyDecider, type KeyEvent } from '../../../domain/key/index.ts'
import { deciderSpec } from '../../support/decider-spec.ts'
import { ACCOUNT, createKeyCommand, created, daysAfter, KEY_ID, REGION, T0 } from '../../support/key-given.ts'

// The events the key decider records, data and all (issue 20 item 1): what is stored is what every projection,
// the audit chain and a replay read, so a field left out or a no-op that appends an event is a fault users see.
// Each rule: given the history, when the command, then exactly these events — or nothing.

const spec = deciderSpec(keyDecider)
const keyId = KEY_ID
const DAY = 86_400
const V1 = '00000000-0000-4000-8000-0000000000b1'
const V2 = '00000000-0000-4000-8000-0000000000b2'
const imported = created({ kind: 'hardware', instanceId: 'kst-hsm00001', origin: 'EXTERNAL', versionId: V1 })
const materialIn = (expireAt: string | null): KeyEvent => ({ type: 'KeyMaterialImported', data: { keyId, versionId: V1, importedAt: T0, expireAt } })
const scheduled: KeyEvent = { type: 'DeletionScheduled', data: { keyId, pendingWindowInDays: 7, deleteDate: daysAfter(T0, 7) } }
const protectedOn: KeyEvent = { type: 'DeletionProtectionEnabled', data: { keyId, description: 'prod' } }
const rotationOff = { enabled: false, intervalSeconds: null }

test('CreateKey records the key as asked: a software key keeps its protection level and the interval it was given', () => {
  spec.given().when(createKeyCommand({ versionId: V1, description: 'payments', rotation: { enabled: true, intervalSeconds: 30 * DAY } })).then({
    type: 'KeyCreated',
    data: {
      keyId, accountId: ACCOUNT, region: REGION, arn: `acs:kms:${REGION}:${ACCOUNT}:key/${keyId}`,
      kind: 'software', instanceId: 'kst-test0001', externalKeyId: null, spec: 'Aliyun_AES_256', usage: 'ENCRYPT/DECRYPT',
      origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE', description: 'payments', creator: ACCOUNT, createdAt: T0,
      initialVersionId: V1, rotation: { enabled: true, intervalSeconds: 30 * DAY }, policy: '{"Version":"1","Statement":[]}',
    },
  })
})

test('§5.13 the default key may be created naming its fixed rotation (on, every 365 days; or on with no interval): the same key as with none', () => {
  const defaultKey = { kind: 'default', instanceId: null, versionId: V2 } as const
  for (const rotation of [{ enabled: true, intervalSeconds: 365 * DAY }, { enabled: true, intervalSeconds: null }]) {
    const s = spec.given().when(createKeyCommand({ ...defaultKey, rotation })).then(...created({ ...defaultKey, rotation: null }))
    assert.equal(s.rotation, { enabled: true, intervalSeconds: 365 * DAY })
  }
})

test('S-7.1 SetDeletionProtection: on records its description; off records the change once, and again changes nothing', () => {
  spec.given(...created()).when({ type: 'SetDeletionProtection', now: T0, enable: true, description: 'prod' }).then(protectedOn)
  spec.given(...created(), protectedOn).when({ type: 'SetDeletionProtection', now: T0, enable: false, description: '' })
    .then({ type: 'DeletionProtectionDisabled', data: { keyId } })
  spec.given(...created()).when({ type: 'SetDeletionProtection', now: T0, enable: false, description: '' }).thenNothing()
})

test('S-8.3 CancelKeyDeletion records the cancellation; S-8.1 DeleteKey records when the key was deleted', () => {
  spec.given(...created(), scheduled).when({ type: 'CancelKeyDeletion', now: T0 }).then({ type: 'DeletionCancelled', data: { keyId } })
  spec.given(...created(), scheduled).when({ type: 'DeleteKey', now: daysAfter(T0, 8) })
    .then({ type: 'KeyDeleted', data: { keyId, deletedAt: daysAfter(T0, 8) } })
})

test('SetKeyPolicy records the policy document', () => {
  const policy = '{"Version":"1","Statement":[{"Effect":"Allow"}]}'
  spec.given(...created()).when({ type: 'SetKeyPolicy', now: T0, policy }).then({ type: 'KeyPolicyUpdated', data: { keyId, policy } })
})

test('S-1.3 DeleteKeyMaterial records why; with no material in the key, or material that never expires, an expiry job changes nothing', () => {
  spec.given(...imported, materialIn(null)).when({ type: 'DeleteKeyMaterial', now: T0, reason: 'deleted' })
    .then({ type: 'KeyMaterialDeleted', data: { keyId, reason: 'deleted' } })
  spec.given(...imported).when({ type: 'DeleteKeyMaterial', now: T0, reason: 'deleted' }).thenNothing()
  spec.given(...imported, materialIn(null)).when({ type: 'DeleteKeyMaterial', now: daysAfter(T0, 9999), reason: 'expired' }).thenNothing()
})

test('S-4.1 turning rotation off is recorded for any key, even one that cannot rotate', () => {
  spec.given(...created({ spec: 'RSA_2048' })).when({ type: 'UpdateRotationPolicy', now: T0, enable: false, intervalSeconds: null })
    .then({ type: 'RotationPolicyUpdated', data: { keyId, rotation: rotationOff } })
})

test('S-4.2 automatic rotation of a key whose rotation is off changes nothing; a manual one still rotates', () => {
  const off = created({ rotation: rotationOff })
  spec.given(...off).when({ type: 'RotateKey', now: daysAfter(T0, 400), versionId: V2, reason: 'automatic' }).thenNothing()
  spec.given(...off).when({ type: 'RotateKey', now: daysAfter(T0, 400), versionId: V2, reason: 'manual' })
    .then({ type: 'VersionRotated', data: { keyId, versionId: V2, reason: 'manual', rotatedAt: daysAfter(T0, 400) } })
})

test('§5.4 CreateKeyVersion records the new version and when', () => {
  spec.given(...created({ spec: 'RSA_2048' })).when({ type: 'CreateKeyVersion', now: daysAfter(T0, 8), versionId: V2 })
    .then({ type: 'KeyVersionCreated', data: { keyId, versionId: V2, createdAt: daysAfter(T0, 8) } })
})

test.run()
