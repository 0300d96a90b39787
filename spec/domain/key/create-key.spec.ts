import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createKeyCommand, created, daysAfter, given, T0 } from '../../support/key-given.ts'

test('a new key with KMS-made material starts Enabled with one primary version', () => {
  given().when(createKeyCommand()).thenEvents('KeyCreated').thenState((s) => {
    assert.is(s.status, 'Enabled')
    assert.is(s.versions.length, 1)
    assert.is(s.primaryVersionId, s.versions[0]!.versionId)
    assert.is(s.arn, `acs:kms:cn-hangzhou:${s.accountId}:key/${s.keyId}`)
  })
})

test('S-1.3 a key with Origin EXTERNAL starts PendingImport; importing material enables it', () => {
  const h = given(created({ origin: 'EXTERNAL', kind: 'hardware', instanceId: 'kst-hsm00001', rotation: { enabled: false, intervalSeconds: null } }))
  assert.is(h.state.status, 'PendingImport')
  h.when({ type: 'ImportKeyMaterial', now: T0, expireAt: daysAfter(T0, 30) }).thenEvents('KeyMaterialImported')
    .thenState((s) => assert.is(s.status, 'Enabled'))
})

test('imported material must not expire in the past', () => {
  given(created({ origin: 'EXTERNAL', kind: 'hardware', instanceId: 'kst-hsm00001' }))
    .when({ type: 'ImportKeyMaterial', now: daysAfter(T0, 2), expireAt: daysAfter(T0, 1) })
    .thenRejects('InvalidParameter')
})

test('material is imported only into EXTERNAL-origin keys', () => {
  given(created()).when({ type: 'ImportKeyMaterial', now: T0, expireAt: null }).thenRejects('Unsupported.Origin')
  given(created()).when({ type: 'DeleteKeyMaterial', now: T0, reason: 'deleted' }).thenRejects('Unsupported.Origin')
})

test('deleting or expiring imported material returns the key to PendingImport, except while pending deletion', () => {
  const imported = [created({ origin: 'EXTERNAL', kind: 'hardware', instanceId: 'kst-hsm00001' }),
    { type: 'ImportKeyMaterial' as const, now: T0, expireAt: daysAfter(T0, 10) }]
  given(...imported).when({ type: 'DeleteKeyMaterial', now: T0, reason: 'deleted' }).thenEvents('KeyMaterialDeleted')
    .thenState((s) => assert.is(s.status, 'PendingImport'))
  given(...imported).when({ type: 'DeleteKeyMaterial', now: daysAfter(T0, 9), reason: 'expired' }).thenEvents()
  given(...imported).when({ type: 'DeleteKeyMaterial', now: daysAfter(T0, 10), reason: 'expired' }).thenEvents('KeyMaterialDeleted')
  given(...imported, { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
    .when({ type: 'DeleteKeyMaterial', now: T0, reason: 'deleted' }).thenEvents('KeyMaterialDeleted')
    .thenState((s) => assert.is(s.status, 'PendingDeletion'))
})

test('S-1.4 an external key names its external key and takes no imported material', () => {
  given().when(createKeyCommand({ kind: 'external', instanceId: 'kst-xki00001', externalKeyId: null })).thenRejects('InvalidParameter')
  given().when(createKeyCommand({ kind: 'external', instanceId: 'kst-xki00001', externalKeyId: 'ext-1', origin: 'EXTERNAL' })).thenRejects('InvalidParameter')
  given().when(createKeyCommand({ kind: 'external', instanceId: 'kst-xki00001', externalKeyId: 'ext-1', spec: 'Aliyun_SM4' }))
    .thenEvents('KeyCreated')
    .thenState((s) => {
      assert.is(s.kind, 'external')
      assert.is(s.rotation.enabled, false) // its material lives in the external key manager
    })
})

test('S-2.4 an external key only encrypts and decrypts', () => {
  given().when(createKeyCommand({ kind: 'external', instanceId: 'kst-xki00001', externalKeyId: 'ext-1', spec: 'RSA_2048' })).thenRejects('InvalidParameter')
})

test('S-2.2 a software key refuses a hardware-only spec', () => {
  given().when(createKeyCommand({ spec: 'EC_SM2' })).thenRejects('InvalidParameter')
  given().when(createKeyCommand({ spec: 'EC_SM2', kind: 'hardware', instanceId: 'kst-hsm00001' })).thenEvents('KeyCreated')
})

test('S-2.5 a P-256 key cannot be made for encryption', () => {
  given().when(createKeyCommand({ spec: 'EC_P256', usage: 'ENCRYPT/DECRYPT' })).thenRejects('InvalidParameter')
  given().when(createKeyCommand({ spec: 'EC_P256' })).thenEvents('KeyCreated').thenState((s) => assert.is(s.usage, 'SIGN/VERIFY'))
})

test('S-1.4 instance keys belong to an instance', () => {
  given().when(createKeyCommand({ instanceId: null })).thenRejects('InvalidParameter')
})

test('hardware keys are HSM-protected whatever the request says', () => {
  given().when(createKeyCommand({ kind: 'hardware', instanceId: 'kst-hsm00001', protectionLevel: 'SOFTWARE' }))
    .thenState((s) => assert.is(s.protectionLevel, 'HSM'))
})

test('tags given at creation are bound with the key', () => {
  given().when(createKeyCommand({ tags: [{ TagKey: 'env', TagValue: 'prod' }] })).thenEvents('KeyCreated', 'TagBound')
})

test('a key id cannot be created twice', () => {
  given(created()).when(createKeyCommand()).thenRejects('Rejected.ResourceExist')
})

test('description and key policy updates are recorded; the default key keeps its policy', () => {
  given(created()).when({ type: 'UpdateKeyDescription', now: T0, description: 'payments' }).thenEvents('DescriptionUpdated')
    .thenState((s) => assert.is(s.description, 'payments'))
  given(created()).when({ type: 'SetKeyPolicy', now: T0, policy: '{"Version":"1","Statement":[]}' }).thenEvents('KeyPolicyUpdated')
  given(created({ kind: 'default', instanceId: null })).when({ type: 'SetKeyPolicy', now: T0, policy: '{}' }).thenRejects('Rejected.UnsupportedOperation')
})

test.run()
