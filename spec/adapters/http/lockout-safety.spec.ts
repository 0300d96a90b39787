import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ARN, KEYS, O, startAuthzServer, type Who } from '../../support/authz-server.ts'
import { popClient, sdkError } from '../../support/sdk-clients.ts'

// Issue 13, item 4 (policy lockout): a SetKeyPolicy that left the owner's root no grant locked everyone out for
// good (DisableKey, ScheduleKeyDeletion, SetKeyPolicy all 403, no recovery). AWS's rule, now keyledger's
// (domain/policy/lockout.ts): SetKeyPolicy and CreateKey refuse a policy that leaves the account root or the
// caller unable to perform kms:SetKeyPolicy, with 400 InvalidParameter, unless BypassPolicyLockoutSafetyCheck=true.

const app = await startAuthzServer()
const pop = (w: Who) => popClient(app.api.port, KEYS[w])
const call = (w: Who, action: string, params: Record<string, unknown>) => pop(w).request(action, params, { method: 'POST' })

const doc = (...statements: { who: string[]; actions: string[]; effect?: 'Allow' | 'Deny' }[]) => JSON.stringify({
  Version: '1',
  Statement: statements.map((s) => ({ Effect: s.effect ?? 'Allow', Principal: { RAM: s.who }, Action: s.actions, Resource: ['*'] })),
})
/** The attack: only alice may encrypt; nobody keeps kms:SetKeyPolicy. */
const lockout = doc({ who: [ARN.alice], actions: ['kms:Encrypt'] })

const refusedAsLockout = async (p: Promise<unknown>) => {
  const e = await sdkError(p)
  assert.is(e.data['Code'], 'InvalidParameter', JSON.stringify(e.data))
  assert.is(e.data['HttpStatus'], 400)
  assert.match(String(e.data['Message']), /BypassPolicyLockoutSafetyCheck/)
}

const newKey = async (): Promise<string> => (await call('oRoot', 'CreateKey', {})).KeyMetadata.KeyId

test('lockout safety: SetKeyPolicy leaving the root no kms:SetKeyPolicy is refused, and the root still administers the key', async () => {
  const keyId = await newKey()
  await refusedAsLockout(call('oRoot', 'SetKeyPolicy', { KeyId: keyId, Policy: lockout }))
  // An explicit Deny of SetKeyPolicy to the root is a lockout too, whatever else allows it.
  await refusedAsLockout(call('oRoot', 'SetKeyPolicy', {
    KeyId: keyId, Policy: doc({ who: [`acs:ram::${O}:*`], actions: ['kms:*'] }, { who: [ARN.oRoot], actions: ['kms:Set*'], effect: 'Deny' }),
  }))
  // Nothing changed: the root still disables, re-enables and reads the default policy.
  await call('oRoot', 'DisableKey', { KeyId: keyId })
  await call('oRoot', 'EnableKey', { KeyId: keyId })
  const p = await call('oRoot', 'GetKeyPolicy', { KeyId: keyId, PolicyName: 'default' })
  assert.equal(JSON.parse(p.Policy).Statement[0].Principal.RAM, [`acs:ram::${O}:*`])
})

test('lockout safety: a policy keeping the root in control is accepted (narrowed to kms:SetKeyPolicy alone)', async () => {
  const keyId = await newKey()
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, Policy: doc({ who: [ARN.alice], actions: ['kms:Encrypt'] }, { who: [ARN.oRoot], actions: ['kms:SetKeyPolicy'] }) })
  // The root can widen it again: the recovery the check exists for.
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, Policy: doc({ who: [`acs:ram::${O}:*`], actions: ['kms:*'] }) })
  await call('oRoot', 'DisableKey', { KeyId: keyId })
  assert.is((await call('oRoot', 'DescribeKey', { KeyId: keyId })).KeyMetadata.KeyState, 'Disabled')
})

test('lockout safety: a RAM administrator may not drop itself from the policy it sets (AWS: the caller keeps PutKeyPolicy)', async () => {
  const keyId = await newKey()
  await refusedAsLockout(call('alice', 'SetKeyPolicy', { KeyId: keyId, Policy: doc({ who: [ARN.oRoot], actions: ['kms:*'] }) }))
  await call('alice', 'SetKeyPolicy', { KeyId: keyId, Policy: doc({ who: [ARN.oRoot, ARN.alice], actions: ['kms:*'] }) })
})

test('lockout safety: CreateKey with a lockout policy is refused and no key is made', async () => {
  const before = (await call('oRoot', 'ListKeys', { PageSize: 100 })).TotalCount
  await refusedAsLockout(call('oRoot', 'CreateKey', { Policy: lockout }))
  assert.is((await call('oRoot', 'ListKeys', { PageSize: 100 })).TotalCount, before)
})

test('lockout safety: BypassPolicyLockoutSafetyCheck=true lets the caller lock the key, as it asked (then even the root is refused)', async () => {
  const keyId = await newKey()
  await call('oRoot', 'SetKeyPolicy', { KeyId: keyId, Policy: lockout, BypassPolicyLockoutSafetyCheck: 'true' })
  const e = await sdkError(call('oRoot', 'DisableKey', { KeyId: keyId }))
  assert.is(e.data['Code'], 'Forbidden.NoPermission')
  const created = await call('oRoot', 'CreateKey', { Policy: lockout, BypassPolicyLockoutSafetyCheck: 'true' })
  assert.ok(created.KeyMetadata.KeyId)
  const bad = await sdkError(call('oRoot', 'CreateKey', { Policy: lockout, BypassPolicyLockoutSafetyCheck: 'maybe' }))
  assert.is(bad.data['Code'], 'InvalidParameter')
})

test.after(() => app.close())
test.run()
