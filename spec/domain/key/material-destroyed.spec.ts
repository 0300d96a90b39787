import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { created, daysAfter, given, T0 } from '../../support/key-given.ts'

// Crypto-shredding is recorded (KeyMaterialDestroyed) once per deletion, and only after one.

const deleted = [
  { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 },
  { type: 'DeleteKey', now: daysAfter(T0, 7) },
] as const
const record = { type: 'RecordKeyMaterialDestroyed', now: daysAfter(T0, 8), versionIds: ['v1'] } as const

test('S-8 a deleted key records its material destroyed once; a second record is a no-op', () => {
  const first = given(created(), ...deleted).when(record).thenEvents('KeyMaterialDestroyed')
  assert.equal(first.events()[0]!.data, { keyId: 'key-abcdefgh12345678', destroyedAt: daysAfter(T0, 8), versionIds: ['v1'] })
  given(created(), ...deleted, record).when(record).thenEvents()
})

test('§5.11 after KeyMaterialDeleted the destruction is recorded once; a new import and deletion make it due again', () => {
  const imported = { type: 'ImportKeyMaterial', now: T0, expireAt: null } as const
  const materialDeleted = { type: 'DeleteKeyMaterial', now: T0, reason: 'deleted' } as const
  given(created({ origin: 'EXTERNAL' }), imported, materialDeleted).when(record).thenEvents('KeyMaterialDestroyed')
    .thenState((s) => assert.is(s.materialDestruction, 'recorded'))
  given(created({ origin: 'EXTERNAL' }), imported, materialDeleted, record).when(record).thenEvents()
  given(created({ origin: 'EXTERNAL' }), imported, materialDeleted, record, imported).when(record).thenRejects('Rejected.StateModifiedFailed')
  given(created({ origin: 'EXTERNAL' }), imported, materialDeleted, record, imported, materialDeleted).when(record).thenEvents('KeyMaterialDestroyed')
})

test('a live key, or one that never lost material, cannot have its material recorded destroyed', () => {
  given(created()).when(record).thenRejects('Rejected.StateModifiedFailed')
  given(created(), { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 }).when(record).thenRejects('Rejected.StateModifiedFailed')
  given().when(record).thenRejects('Forbidden.KeyNotFound')
})

test.run()
