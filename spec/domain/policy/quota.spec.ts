import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { checkQuota, quotaUsage, quotaUsed, type KeyPolicyChange } from '../../../domain/policy/index.ts'
import { BOB, CAROL, consolePolicy, OTHER, OWNER, THIRD, ALICE } from '../../support/policy-world.ts'

const T0 = '2026-03-01T10:00:00.000Z'
const at = (minutes: number, ms = 0): string => new Date(Date.parse(T0) + minutes * 60_000 + ms).toISOString()

const policyNaming = (...others: string[]): string => JSON.stringify(consolePolicy({ users: [ALICE], otherAccountUsers: others }))
const change = (keyId: string, policy: string | null, occurredAt: string): KeyPolicyChange => ({ keyId, ownerAccountId: OWNER, policy, occurredAt })
const FOURTH = '4444444444444444'

test('S-5.4 administrators and users of the owning account cost nothing', () => {
  const h = [change('key-a', JSON.stringify(consolePolicy({ administrators: [ALICE], users: [ALICE] })), at(0)), change('key-b', '', at(0))]
  assert.is(quotaUsed(h, at(1)), 0)
})

test('S-5.4 each other main account costs one unit, counted per account, not per principal or per key', () => {
  const h = [
    change('key-a', policyNaming(BOB, CAROL), at(0)), // two users of account 2
    change('key-b', policyNaming(BOB, `acs:ram::${THIRD}:role/etl`), at(1)),
  ]
  const u = quotaUsage(h, at(2))
  assert.is(u.used, 2)
  assert.equal(u.named, [OTHER, THIRD])
})

test('S-5.4 a withdrawn grant returns its unit after exactly 5 minutes, not before', () => {
  const h = [change('key-a', policyNaming(BOB), at(0)), change('key-a', policyNaming(), at(10))]
  assert.is(quotaUsed(h, at(10)), 1)
  assert.is(quotaUsed(h, at(15, -1)), 1)
  assert.equal(quotaUsage(h, at(12)).returning, [{ accountId: OTHER, returnsAt: at(15) }])
  assert.is(quotaUsed(h, at(15)), 0)
  assert.is(quotaUsed(h, at(60)), 0)
})

test('S-5.4 the unit stays taken while another key of the instance still names the account', () => {
  const h = [change('key-a', policyNaming(BOB), at(0)), change('key-b', policyNaming(CAROL), at(1)), change('key-a', policyNaming(), at(2))]
  assert.is(quotaUsed(h, at(30)), 1)
  const withdrawnEverywhere = [...h, change('key-b', policyNaming(), at(40))]
  assert.is(quotaUsed(withdrawnEverywhere, at(44)), 1)
  assert.is(quotaUsed(withdrawnEverywhere, at(45)), 0)
})

test('S-5.4 naming the account again before its unit returns reuses that unit; withdrawing again restarts the 5 minutes', () => {
  const h = [change('key-a', policyNaming(BOB), at(0)), change('key-a', policyNaming(), at(1)), change('key-a', policyNaming(BOB), at(3)), change('key-a', policyNaming(), at(4))]
  assert.is(quotaUsed(h, at(3)), 1)
  assert.is(quotaUsed(h, at(8, -1)), 1)
  assert.is(quotaUsed(h, at(9, -1)), 1, 'counted from the last withdrawal')
  assert.is(quotaUsed(h, at(9)), 0)
})

test('S-5.4 a deleted key withdraws its grants', () => {
  const h = [change('key-a', policyNaming(BOB), at(0)), change('key-a', null, at(20))]
  assert.is(quotaUsed(h, at(24)), 1)
  assert.is(quotaUsed(h, at(25)), 0)
})

test('S-5.4 the fold is as of `now`: later changes are not counted; order of the input does not matter', () => {
  const h = [change('key-a', policyNaming(), at(10)), change('key-a', policyNaming(BOB), at(0))]
  assert.is(quotaUsed(h, at(5)), 1)
  assert.is(quotaUsed(h, at(15)), 0)
  assert.is(quotaUsed([change('key-a', policyNaming(BOB), at(10))], at(5)), 0)
})

test('S-5.4 Deny statements and wildcard accounts cost nothing', () => {
  const deny = JSON.stringify({ Version: '1', Statement: [
    { Effect: 'Deny', Principal: { RAM: [BOB] }, Action: ['kms:*'], Resource: ['*'] },
    { Effect: 'Allow', Principal: { RAM: ['acs:ram::*:*'] }, Action: ['kms:Encrypt'], Resource: ['*'] },
  ] })
  assert.is(quotaUsed([change('key-a', deny, at(0))], at(1)), 0)
})

test('S-5.4 a policy change that would exceed the quota is refused with Rejected.LimitExceeded', () => {
  const history = [change('key-a', policyNaming(BOB), at(0)), change('key-b', policyNaming(`acs:ram::${THIRD}:role/etl`), at(0))]
  const r = checkQuota({ history, change: { keyId: 'key-c', ownerAccountId: OWNER, policy: policyNaming(`acs:ram::${FOURTH}:user/x`) }, now: at(1), quota: 2 })
  assert.ok(E.isLeft(r))
  if (E.isLeft(r)) {
    assert.is(r.left.code, 'Rejected.LimitExceeded')
    assert.is(r.left.httpStatus, 400)
  }
  // an account already counted costs nothing more
  const same = checkQuota({ history, change: { keyId: 'key-c', ownerAccountId: OWNER, policy: policyNaming(CAROL) }, now: at(1), quota: 2 })
  assert.equal(E.map((u: { used: number }) => u.used)(same), E.right(2))
  // a larger quota accepts it
  assert.equal(E.map((u: { used: number }) => u.used)(checkQuota({ history, change: { keyId: 'key-c', ownerAccountId: OWNER, policy: policyNaming(`acs:ram::${FOURTH}:user/x`) }, now: at(1), quota: 3 })), E.right(3))
})

test('S-5.4 a freed unit can be used once its 5 minutes have passed, not before', () => {
  const history = [change('key-a', policyNaming(BOB), at(0)), change('key-a', policyNaming(), at(10))]
  const newGrant = { keyId: 'key-b', ownerAccountId: OWNER, policy: policyNaming(`acs:ram::${THIRD}:role/etl`) }
  assert.ok(E.isLeft(checkQuota({ history, change: newGrant, now: at(15, -1), quota: 1 })))
  assert.ok(E.isRight(checkQuota({ history, change: newGrant, now: at(15), quota: 1 })))
})

test('S-5.4 narrowing a policy is accepted even when the instance is over a lowered quota', () => {
  const history = [change('key-a', policyNaming(BOB, `acs:ram::${THIRD}:role/etl`), at(0))]
  const narrower = { keyId: 'key-a', ownerAccountId: OWNER, policy: policyNaming(BOB) }
  assert.ok(E.isRight(checkQuota({ history, change: narrower, now: at(1), quota: 1 })))
})

test('S-5.4 a proposed policy that does not parse is InvalidParameter, not a quota answer', () => {
  const r = checkQuota({ history: [], change: { keyId: 'key-a', ownerAccountId: OWNER, policy: '{' }, now: at(0), quota: 5 })
  assert.ok(E.isLeft(r) && r.left.code === 'InvalidParameter')
})

test.run()
