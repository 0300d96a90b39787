import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { AccessControl } from '../../application/access/access-control.ts'
import { defaultKeyPolicy } from '../../domain/values/key-policy.ts'
import type { UsageRecorder } from '../../domain/ports/usage-recorder.ts'
import { ACCOUNT, created, stateOf } from '../support/key-given.ts'

// Issue 11 and docs/architecture.md §7 "Fair audit": key decisions are remembered per key state object
// (application/access/decision-cache.ts), but only for callers of the key's own account. Given a key whose policy
// lets both its account and another one use it, when its owner asks twice, then the second answer is the
// remembered one; when the other account's root asks twice, then each answer is made afresh, as for a key that
// does not exist (decideUnseenForeignKey), so the time of its answer says nothing about which keys exist.

const OTHER = '6543210987654321'
const policy = JSON.stringify({
  ...defaultKeyPolicy(ACCOUNT),
  Statement: [{ Sid: 'Both', Effect: 'Allow', Principal: { RAM: [`acs:ram::${ACCOUNT}:*`, `acs:ram::${OTHER}:*`] }, Action: ['kms:*'], Resource: ['*'] }],
})
const key = stateOf(created({ policy }))
const control = new AccessControl({ identityPolicies: [], instances: [], region: 'cn-hangzhou', usage: {} as UsageRecorder })

test('the owner account\'s decision on an unchanged key state is the remembered one', () => {
  const first = control.decideKey(`acs:ram::${ACCOUNT}:root`, 'kms:Encrypt', key)
  assert.ok(first.allowed)
  assert.is(control.decideKey(`acs:ram::${ACCOUNT}:root`, 'kms:Encrypt', key), first)
})

test('another account\'s decision is made afresh every time (same outcome, new decision)', () => {
  const first = control.decideKey(`acs:ram::${OTHER}:root`, 'kms:Encrypt', key)
  assert.ok(first.allowed)
  const second = control.decideKey(`acs:ram::${OTHER}:root`, 'kms:Encrypt', key)
  assert.equal(second, first)
  assert.is.not(second, first)
})

test.run()
