import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { nextRotationDate } from '../../../domain/key/index.ts'
import { createKeyCommand, created, daysAfter, given, T0, versionId } from '../../support/key-given.ts'

const DAY = 86_400

test('S-4.1 automatic rotation is on by default for a new symmetric key, every 365 days', () => {
  const s = given(created()).state
  assert.equal(s.rotation, { enabled: true, intervalSeconds: 365 * DAY })
  assert.is(nextRotationDate(s), daysAfter(T0, 365))
})

test('S-4.1 asymmetric keys do not rotate automatically', () => {
  assert.equal(given(created({ spec: 'RSA_2048' })).state.rotation, { enabled: false, intervalSeconds: null })
  given().when(createKeyCommand({ spec: 'EC_P256', rotation: { enabled: true, intervalSeconds: 30 * DAY } })).thenRejects('InvalidParameter')
  given(created({ spec: 'RSA_2048' })).when({ type: 'UpdateRotationPolicy', now: T0, enable: true, intervalSeconds: 30 * DAY }).thenRejects('Rejected.UnsupportedOperation')
})

test('S-4.1 a key with imported material does not rotate', () => {
  given(created({ origin: 'EXTERNAL', kind: 'hardware', instanceId: 'kst-hsm00001' }), { type: 'ImportKeyMaterial', now: T0, expireAt: null })
    .when({ type: 'RotateKey', now: T0, versionId: versionId(), reason: 'manual' })
    .thenRejects('Rejected.UnsupportedOperation')
})

test('S-4.2 the rotation policy sets the interval; NextRotationDate = LastRotationDate + interval', () => {
  given(created({ rotation: { enabled: false, intervalSeconds: null } }))
    .when({ type: 'UpdateRotationPolicy', now: T0, enable: true, intervalSeconds: 30 * DAY })
    .thenEvents('RotationPolicyUpdated')
    .thenState((s) => assert.is(nextRotationDate(s), daysAfter(T0, 30)))
})

test('S-4.2 enabling rotation needs an interval when the key has none', () => {
  given(created({ rotation: { enabled: false, intervalSeconds: null } }))
    .when({ type: 'UpdateRotationPolicy', now: T0, enable: true, intervalSeconds: null })
    .thenRejects('InvalidParameter')
})

test('manual rotation adds a version that becomes primary', () => {
  const v2 = versionId()
  given(created())
    .when({ type: 'RotateKey', now: daysAfter(T0, 3), versionId: v2, reason: 'manual' })
    .thenEvents('VersionRotated')
    .thenState((s) => {
      assert.is(s.versions.length, 2)
      assert.is(s.primaryVersionId, v2)
      assert.is(s.lastRotationDate, daysAfter(T0, 3))
    })
})

test('automatic rotation happens only when due, so a second scheduler changes nothing', () => {
  const h = given(created({ rotation: { enabled: true, intervalSeconds: 30 * DAY } }))
  h.when({ type: 'RotateKey', now: daysAfter(T0, 29), versionId: versionId(), reason: 'automatic' }).thenEvents()
  const rotated = given(created({ rotation: { enabled: true, intervalSeconds: 30 * DAY } }),
    { type: 'RotateKey', now: daysAfter(T0, 30), versionId: versionId(), reason: 'automatic' })
  rotated.when({ type: 'RotateKey', now: daysAfter(T0, 30), versionId: versionId(), reason: 'automatic' }).thenEvents()
})

test('a shortened interval that is already past makes the key due at once', () => {
  const h = given(created(), { type: 'UpdateRotationPolicy', now: daysAfter(T0, 100), enable: true, intervalSeconds: 30 * DAY })
  assert.ok(Date.parse(nextRotationDate(h.state)!) <= Date.parse(daysAfter(T0, 100)))
  h.when({ type: 'RotateKey', now: daysAfter(T0, 100), versionId: versionId(), reason: 'automatic' }).thenEvents('VersionRotated')
})

test('the default key rotates every 365 days and its policy cannot change', () => {
  const dk = created({ kind: 'default', instanceId: null })
  assert.equal(given(dk).state.rotation, { enabled: true, intervalSeconds: 365 * DAY })
  given(dk).when({ type: 'UpdateRotationPolicy', now: T0, enable: false, intervalSeconds: null }).thenRejects('Rejected.UnsupportedOperation')
  given().when(createKeyCommand({ kind: 'default', instanceId: null, rotation: { enabled: true, intervalSeconds: 30 * DAY } })).thenRejects('InvalidParameter')
})

test('CreateKeyVersion: asymmetric keys only, 7 days apart, at most 50 versions', () => {
  const rsa = created({ spec: 'RSA_2048' })
  given(rsa).when({ type: 'CreateKeyVersion', now: daysAfter(T0, 6), versionId: versionId() }).thenRejects('Rejected.UnsupportedOperation')
  given(rsa).when({ type: 'CreateKeyVersion', now: daysAfter(T0, 7), versionId: versionId() }).thenEvents('KeyVersionCreated')
  given(created()).when({ type: 'CreateKeyVersion', now: daysAfter(T0, 7), versionId: versionId() }).thenRejects('Rejected.UnsupportedOperation')
  const history = [rsa, ...Array.from({ length: 49 }, (_, i) => ({ type: 'CreateKeyVersion' as const, now: daysAfter(T0, 7 * (i + 1)), versionId: versionId() }))]
  const full = given(...history)
  assert.is(full.state.versions.length, 50)
  full.when({ type: 'CreateKeyVersion', now: daysAfter(T0, 7 * 60), versionId: versionId() }).thenRejects('Rejected.LimitExceeded')
})

test.run()
