import { test } from 'uvu'
import { keyDecider, type KeyEvent } from '../../../domain/key/index.ts'
import { deciderSpec } from '../../support/decider-spec.ts'
import { created, KEY_ID, T0, daysAfter } from '../../support/key-given.ts'

// The key aggregate through the decider harness: a few rules stated as given events / when command / then.

const spec = deciderSpec(keyDecider)
const keyId = KEY_ID
const disabled: KeyEvent = { type: 'KeyDisabled', data: { keyId } }
const protectedOn: KeyEvent = { type: 'DeletionProtectionEnabled', data: { keyId, description: 'prod' } }

test('§5.2 DisableKey on an enabled key: KeyDisabled; EnableKey brings it back', () => {
  spec.given(...created()).when({ type: 'DisableKey', now: T0 }).then(disabled)
  spec.given(...created(), disabled).when({ type: 'EnableKey', now: T0 }).then({ type: 'KeyEnabled', data: { keyId } })
  spec.given(...created()).when({ type: 'EnableKey', now: T0 }).thenNothing()
})

test('S-8.1 ScheduleKeyDeletion: the delete date is the pending window after the command\'s time', () => {
  spec.given(...created()).when({ type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
    .then({ type: 'DeletionScheduled', data: { keyId, pendingWindowInDays: 7, deleteDate: daysAfter(T0, 7) } })
})

test('S-7.1 a protected key cannot be scheduled for deletion: Rejected.DeletionProtection', () => {
  spec.given(...created(), protectedOn).when({ type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 })
    .thenRefused('Rejected.DeletionProtection', 409)
})

test('§5.2 a disabled key takes no rotation policy: Rejected.Disabled (gate "usable" from the catalogue)', () => {
  spec.given(...created(), disabled).when({ type: 'UpdateRotationPolicy', now: T0, enable: true, intervalSeconds: 30 * 86_400 })
    .thenRefused('Rejected.Disabled', 409)
})

test('S-3.4 a key holds at most 20 tags: the 21st is Rejected.LimitExceeded; a changed value binds again', () => {
  const twenty = Array.from({ length: 20 }, (_, i): KeyEvent => ({ type: 'TagBound', data: { keyId, tagKey: `k${i}`, tagValue: 'v' } }))
  spec.given(...created(), ...twenty).when({ type: 'TagKey', now: T0, tags: [{ TagKey: 'k20', TagValue: 'v' }] }).thenRefused('Rejected.LimitExceeded')
  spec.given(...created(), ...twenty).when({ type: 'TagKey', now: T0, tags: [{ TagKey: 'k0', TagValue: 'w' }] })
    .then({ type: 'TagBound', data: { keyId, tagKey: 'k0', tagValue: 'w' } })
})

test('S-3.5 the default key takes no tags: Rejected.UnsupportedOperation', () => {
  spec.given(...created({ kind: 'default', instanceId: null })).when({ type: 'TagKey', now: T0, tags: [{ TagKey: 'team', TagValue: 'a' }] })
    .thenRefused('Rejected.UnsupportedOperation')
})

test.run()
