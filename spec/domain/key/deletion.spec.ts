import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { created, daysAfter, given, T0 } from '../../support/key-given.ts'

test('S-8.1 scheduling deletion sets the delete date at the end of the pending window', () => {
  given(created())
    .when({ type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
    .thenEvents('DeletionScheduled')
    .thenState((s) => {
      assert.is(s.status, 'PendingDeletion')
      assert.is(s.deleteDate, daysAfter(T0, 7))
    })
})

test('S-7.1 a protected key cannot be scheduled for deletion', () => {
  given(created(), { type: 'SetDeletionProtection', now: T0, enable: true, description: 'prod' })
    .when({ type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
    .thenRejects('Rejected.DeletionProtection')
})

test('S-7.1 once protection is off the key can be scheduled for deletion', () => {
  given(created(), { type: 'SetDeletionProtection', now: T0, enable: true, description: 'prod' },
    { type: 'SetDeletionProtection', now: T0, enable: false, description: '' })
    .when({ type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 30 })
    .thenEvents('DeletionScheduled')
})

test('S-7.2 a key pending deletion cannot have deletion protection turned on', () => {
  given(created(), { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
    .when({ type: 'SetDeletionProtection', now: T0, enable: true, description: 'too late' })
    .thenRejects('Rejected.StateModifiedFailed')
})

test('S-8.3 a cancelled deletion returns the key to Enabled', () => {
  given(created(), { type: 'DisableKey', now: T0 }, { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
    .when({ type: 'CancelKeyDeletion', now: T0 })
    .thenEvents('DeletionCancelled')
    .thenState((s) => assert.is(s.status, 'Enabled'))
})

test('S-8.3 cancelling is refused unless the key is pending deletion', () => {
  given(created()).when({ type: 'CancelKeyDeletion', now: T0 }).thenRejects('Rejected.StateModifiedFailed')
})

test('S-8.1 the key is not deleted before its pending window ends, and is deleted when it does', () => {
  const history = given(created(), { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
  history.when({ type: 'DeleteKey', now: daysAfter(T0, 6.999) }).thenRejects('Rejected.StateModifiedFailed')
  history.when({ type: 'DeleteKey', now: daysAfter(T0, 7) }).thenEvents('KeyDeleted')
})

test('a deleted key is not found by any later command', () => {
  given(created(), { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 }, { type: 'DeleteKey', now: daysAfter(T0, 7) })
    .when({ type: 'EnableKey', now: daysAfter(T0, 8) })
    .thenRejects('Forbidden.KeyNotFound')
})

test('deleting an already deleted key again is a no-op (the scheduler may ask twice)', () => {
  given(created(), { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 }, { type: 'DeleteKey', now: daysAfter(T0, 7) })
    .when({ type: 'DeleteKey', now: daysAfter(T0, 8) })
    .thenEvents()
})

test.run()
