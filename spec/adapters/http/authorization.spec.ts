import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { consoleKeyPolicy } from '../../../domain/policy/index.ts'
import { keyArn } from '../../../domain/values/arn.ts'
import { ARN, INSTANCE, KEYS, O, REGION, X, startAuthzServer, usageOf, type Who } from '../../support/authz-server.ts'
import { $kms, kmsClient, popClient, sdkError } from '../../support/sdk-clients.ts'

// Authorization through the API as the official clients see it (npm @alicloud/kms20160120 1.2.0 and pop-core):
// the key policy AND, for RAM identities, their own account's grant (S-5.1–S-5.3); every refusal is
// 403 Forbidden.NoPermission and appears in the key's history (keyusage-<KeyId>, outcome denied).
// Encrypt is not in this branch's action table yet, so the administrator/user split is shown on management
// actions: a console "user" may DescribeKey but not DisableKey, ScheduleKeyDeletion or SetKeyPolicy.

const app = await startAuthzServer()
const port = app.api.port
const kms = (w: Who) => kmsClient(port, KEYS[w])
const pop = (w: Who) => popClient(port, KEYS[w])
const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)
const describe = (w: Who, keyId: string) => kms(w).describeKey(req('DescribeKey', { keyId }))

const refused = async (p: Promise<unknown>, code = 'Forbidden.NoPermission', status = 403) => {
  const e = await sdkError(p)
  assert.is(e.data['Code'], code, JSON.stringify(e.data))
  assert.is(e.data['HttpStatus'], status)
  return e
}

const consolePolicy = consoleKeyPolicy({
  ownerAccountId: O, administrators: [ARN.alice], users: [ARN.ursula, ARN.ops], otherAccountUsers: [ARN.bob, ARN.carol],
})
if (E.isLeft(consolePolicy)) throw new Error(consolePolicy.left.message)
// An explicit Deny in the key policy: alice administers, but may not disable this key.
const policy = {
  ...consolePolicy.right,
  Statement: [...consolePolicy.right.Statement, { Sid: 'NoDisableByAlice', Effect: 'Deny' as const, Principal: { RAM: [ARN.alice] }, Action: ['kms:DisableKey'], Resource: ['*'] }],
}

/** The owner's root creates a key with a console-style policy (CreateKey `Policy`, 3.x: through pop-core). */
const newKey = async (withPolicy = true): Promise<string> =>
  (await pop('oRoot').request('CreateKey', withPolicy ? { Policy: JSON.stringify(policy) } : {}, { method: 'POST' })).KeyMetadata.KeyId

const keyId = await newKey()
const arn = keyArn(REGION, O, keyId)

test('S-5.1 the owning account root follows the key policy: it manages the key', async () => {
  assert.is((await describe('oRoot', keyId)).keyMetadata.keyId, keyId)
  await kms('oRoot').disableKey(req('DisableKey', { keyId }))
  await kms('oRoot').enableKey(req('EnableKey', { keyId }))
  const p = await pop('oRoot').request('GetKeyPolicy', { KeyId: keyId, PolicyName: 'default' }, { method: 'POST' })
  assert.equal(JSON.parse(p.Policy), policy)
})

test('S-5.2 administrator (owner RAM user): DescribeKey and ScheduleKeyDeletion, not what an explicit Deny names', async () => {
  assert.is((await describe('alice', keyId)).keyMetadata.keyState, 'Enabled')
  const other = await newKey()
  await kms('alice').scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId: other, pendingWindowInDays: 7 }))
  assert.is((await describe('oRoot', other)).keyMetadata.keyState, 'PendingDeletion')
  await refused(kms('alice').disableKey(req('DisableKey', { keyId }))) // Deny beats the administrators' kms:Disable*
})

test('S-5.2 user (owner RAM user): DescribeKey and ListKeyVersions, no management', async () => {
  assert.is((await describe('ursula', keyId)).keyMetadata.keyId, keyId)
  await kms('ursula').listKeyVersions(req('ListKeyVersions', { keyId }))
  await refused(kms('ursula').disableKey(req('DisableKey', { keyId })))
  await refused(kms('ursula').scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 })))
  await refused(pop('ursula').request('SetKeyPolicy', { KeyId: keyId, Policy: JSON.stringify(policy) }, { method: 'POST' }))
  assert.is((await describe('oRoot', keyId)).keyMetadata.keyState, 'Enabled')
})

test('explicit Deny on the identity side: the key policy allows ops DescribeKey, its account denies it', async () => {
  await refused(describe('ops', keyId))
  await kms('ops').listKeyVersions(req('ListKeyVersions', { keyId })) // the rest of the user list still works
})

test('S-5.3 other-account RAM user: named by the key policy AND granted by its own account (both sides)', async () => {
  assert.is((await describe('bob', arn)).keyMetadata.keyId, keyId) // by ARN: another account's key
  await refused(describe('carol', arn)) // named by the key policy, not granted by account X
  await refused(kms('bob').disableKey(req('DisableKey', { keyId: arn }))) // other-account users: the user list only
  await refused(describe('dave', arn)) // granted by its own account, never named by the key policy
})

test('a bare key id names the caller\'s own account: another account\'s key is simply not found there', async () => {
  await refused(describe('xRoot', keyId), 'Forbidden.KeyNotFound', 404)
  // a RAM identity its account grants nothing on its own account's keys is refused before existence matters
  await refused(describe('bob', keyId))
})

test('another account naming a missing key gets the same 403 as for a key it may not use (no existence leak)', async () => {
  const missing = keyArn(REGION, O, 'key-hzz00000000000000000000')
  const a = await refused(describe('carol', missing))
  const b = await refused(describe('carol', arn))
  assert.is(a.data['Message'], b.data['Message'])
  await refused(describe('bob', missing)) // even for a caller the owner trusts with its keys
  await refused(describe('dave', `acs:kms:${REGION}:${O}:alias/nope`))
})

test('S-5.1 default policy: only the owning account; its RAM users still need their own grant', async () => {
  const plain = await newKey(false)
  assert.is((await describe('alice', plain)).keyMetadata.keyId, plain) // acs:ram::<owner>:* + alice's grant
  await refused(describe('bob', keyArn(REGION, O, plain)))
  await refused(describe('xRoot', keyArn(REGION, O, plain)))
})

test('S-5.1 resource sharing: X\'s key in O\'s shared instance is co-owned by O; O\'s keys stay O\'s', async () => {
  const created = await pop('xRoot').request('CreateKey', { DKMSInstanceId: INSTANCE }, { method: 'POST' })
  const xKey = created.KeyMetadata.KeyId as string
  assert.is(created.KeyMetadata.Arn, keyArn(REGION, X, xKey))
  assert.is((await describe('oRoot', keyArn(REGION, X, xKey))).keyMetadata.keyId, xKey)
  await refused(describe('xRoot', arn))
})

test('account-level actions: a RAM identity needs its own account\'s grant (ListKeys, CreateKey)', async () => {
  await kms('ursula').listKeys(req('ListKeys', {}))
  await refused(kms('carol').listKeys(req('ListKeys', {})))
  await refused(kms('bob').createKey(req('CreateKey', {}))) // bob's grant covers O's keys, not X's
})

test('every denial on an existing key is in its history: ActionInvoked, outcome denied, with the code', async () => {
  const fresh = await newKey()
  const fArn = keyArn(REGION, O, fresh)
  await refused(kms('ursula').disableKey(req('DisableKey', { keyId: fresh })))
  await refused(describe('carol', fArn))
  await refused(describe('ops', fresh))
  await refused(describe('dave', fArn))
  await describe('bob', fArn) // allowed: not a denial
  const usage = await usageOf(app.store, fresh)
  assert.equal(usage.map((u) => [u.principal, u.data['action'], u.data['outcome'], u.data['errorCode']]), [
    [ARN.ursula, 'kms:DisableKey', 'denied', 'Forbidden.NoPermission'],
    [ARN.carol, 'kms:DescribeKey', 'denied', 'Forbidden.NoPermission'],
    [ARN.ops, 'kms:DescribeKey', 'denied', 'Forbidden.NoPermission'],
    [ARN.dave, 'kms:DescribeKey', 'denied', 'Forbidden.NoPermission'],
  ])
  for (const u of usage) {
    assert.is(u.type, 'ActionInvoked')
    assert.type(u.data['requestId'], 'string')
  }
  // a missing key has no history to write to, and none is made
  assert.equal(await usageOf(app.store, 'key-hzz00000000000000000000'), [])
})

test.after(() => app.close())
test.run()
