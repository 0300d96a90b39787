import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { checkActionAllowed, type KeyCommand } from '../../../domain/key/index.ts'
import { created, daysAfter, given, T0, versionId, type Fact } from '../../support/key-given.ts'

// The state × action table of the API reference §5.2, row by row: every rejection is a 409 with its code.

const states: Record<string, Fact[]> = {
  Enabled: [created()],
  Disabled: [created(), { type: 'DisableKey', now: T0 }],
  PendingDeletion: [created(), { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 }],
  PendingImport: [created({ origin: 'EXTERNAL', kind: 'hardware', instanceId: 'kst-hsm00001' })],
}

const table: Array<[string, Record<string, string>]> = [
  ['Encrypt', { Enabled: 'ok', Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['Decrypt', { Enabled: 'ok', Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['GenerateDataKey', { Enabled: 'ok', Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['UpdateRotationPolicy', { Enabled: 'ok', Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['UpdateKeyDescription', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'ok' }],
  ['TagResource', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'ok' }],
  ['UntagResource', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'ok' }],
  ['EnableKey', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'Rejected.StateModifiedFailed' }],
  ['DisableKey', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'Rejected.StateModifiedFailed' }],
  ['ScheduleKeyDeletion', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'ok' }],
  ['CancelKeyDeletion', { Enabled: 'Rejected.StateModifiedFailed', Disabled: 'Rejected.StateModifiedFailed', PendingDeletion: 'ok', PendingImport: 'Rejected.StateModifiedFailed' }],
  ['CreateAlias', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'ok' }],
  // §5.2: only UpdateAlias's target counts; a target pending deletion is Rejected.PendingDeletion.
  ['UpdateAlias', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'ok' }],
  ['ImportKeyMaterial', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'ok' }],
  ['DescribeKey', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'ok', PendingImport: 'ok' }],
  ['ListKeyVersions', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'ok', PendingImport: 'ok' }],
  ['GetParametersForImport', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'ok', PendingImport: 'ok' }],
  ['DeleteKeyMaterial', { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'ok', PendingImport: 'ok' }],
]

for (const [action, expected] of table) {
  test(`§5.2 ${action}: ${Object.entries(expected).map(([s, c]) => `${s} → ${c}`).join(', ')}`, () => {
    for (const [state, want] of Object.entries(expected)) {
      const r = checkActionAllowed(action, given(...states[state]!).state)
      const got = E.isLeft(r) ? r.left.code : 'ok'
      assert.is(got, want, `${action} in ${state}`)
      if (E.isLeft(r)) assert.is(r.left.httpStatus, 409, `${action} in ${state} is a 409`)
    }
  })
}

// What the caller reads with each refusal (mutation-found, issue 20 item 1): the message names the rule or the state.
const messages: Array<[string, string, string]> = [
  ['Encrypt', 'Disabled', 'S-6.2: the key is disabled.'],
  ['Encrypt', 'PendingDeletion', 'S-8.3: the key is pending deletion.'],
  ['Encrypt', 'PendingImport', 'The key is waiting for its key material.'],
  ['TagResource', 'PendingDeletion', 'The key is pending deletion.'],
  ['EnableKey', 'PendingImport', 'The key is PendingImport.'],
  ['EnableKey', 'PendingDeletion', 'The key is PendingDeletion.'],
  ['ScheduleKeyDeletion', 'PendingDeletion', 'The key is already pending deletion.'],
  ['CancelKeyDeletion', 'Enabled', 'Only a key pending deletion can have its deletion cancelled.'],
]

test('§5.2: each refusal of the table says why, in its message', () => {
  for (const [action, state, message] of messages) {
    const r = checkActionAllowed(action, given(...states[state]!).state)
    assert.ok(E.isLeft(r) && r.left.message.includes(message), `${action} in ${state}: ${E.isLeft(r) ? r.left.message : 'allowed'}`)
  }
})

test('§5.2: an action the table does not list needs only an existing key', () => {
  for (const state of Object.keys(states)) assert.ok(E.isRight(checkActionAllowed('NotAnAction', given(...states[state]!).state)), state)
})

// The decider applies the same rows to its own commands.
const commands: Array<[KeyCommand, Record<string, string>]> = [
  [{ type: 'DisableKey', now: T0 }, { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'Rejected.StateModifiedFailed' }],
  [{ type: 'EnableKey', now: T0 }, { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'Rejected.StateModifiedFailed' }],
  [{ type: 'UpdateKeyDescription', now: T0, description: 'd' }, { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'ok' }],
  [{ type: 'TagKey', now: T0, tags: [] }, { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'ok' }],
  [{ type: 'RotateKey', now: T0, versionId: versionId(), reason: 'manual' }, { Enabled: 'ok', Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  [{ type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 30 }, { Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'ok' }],
  [{ type: 'CancelKeyDeletion', now: T0 }, { Enabled: 'Rejected.StateModifiedFailed', Disabled: 'Rejected.StateModifiedFailed', PendingDeletion: 'ok', PendingImport: 'Rejected.StateModifiedFailed' }],
  [{ type: 'ImportKeyMaterial', now: T0, expireAt: null }, { PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'ok' }],
]

for (const [cmd, expected] of commands) {
  test(`§5.2 decide ${cmd.type} follows the table`, () => {
    for (const [state, want] of Object.entries(expected)) {
      const r = given(...states[state]!).when(cmd).result
      assert.is(E.isLeft(r) ? r.left.code : 'ok', want, `${cmd.type} in ${state}`)
    }
  })
}

test('a key that never existed is not found', () => {
  given().when({ type: 'EnableKey', now: T0 }).thenRejects('Forbidden.KeyNotFound')
})

test('§5.2 DisableKey then EnableKey toggles; repeating a toggle changes nothing', () => {
  const disabled = given(created(), { type: 'DisableKey', now: T0 })
  assert.is(disabled.state.status, 'Disabled')
  disabled.when({ type: 'DisableKey', now: daysAfter(T0, 1) }).thenEvents()
  disabled.when({ type: 'EnableKey', now: daysAfter(T0, 1) }).thenEvents('KeyEnabled').thenState((s) => assert.is(s.status, 'Enabled'))
})

test.run()
