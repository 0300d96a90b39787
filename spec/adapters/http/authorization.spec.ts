import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decodeBlob, encodeBlob } from '../../../adapters/crypto/blob.ts'
import { consoleKeyPolicy } from '../../../domain/policy/index.ts'
import { keyArn } from '../../../domain/values/arn.ts'
import { ARN, INSTANCE, KEYS, O, REGION, X, startAuthzServer, usageOf, type Who } from '../../support/authz-server.ts'
import { $kms, kmsClient, popClient, sdkError } from '../../support/sdk-clients.ts'

// Authorization through the API as the official clients see it (npm @alicloud/kms20160120 1.2.0 and pop-core):
// the key policy AND, for RAM identities, their own account's grant (S-5.1–S-5.3); every refusal is
// 403 Forbidden.NoPermission and appears in the key's history (keyusage-<KeyId>, outcome denied) exactly once.
// The console roles (S-5.2) split management from use: an administrator manages but does not Encrypt, Decrypt
// or GenerateDataKey; a user does those but does not manage. Decrypt is decided on the key inside the ciphertext.

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

test('every denial on an existing key is in its history: ActionInvoked, outcome denied, with the code (another account\'s after its minute, aggregated)', async () => {
  const fresh = await newKey()
  const fArn = keyArn(REGION, O, fresh)
  await refused(kms('ursula').disableKey(req('DisableKey', { keyId: fresh })))
  await refused(describe('carol', fArn))
  await refused(describe('ops', fresh))
  await refused(describe('dave', fArn))
  await describe('bob', fArn) // allowed: not a denial
  const usage = await usageOf(app, fresh)
  // The owner's own identities one record each, as they happen; other accounts' (carol, dave) counted and written
  // once their window ends (here: flushed by usageOf), one record each with its count.
  assert.equal(usage.map((u) => [u.principal, u.data['action'], u.data['outcome'], u.data['errorCode'], u.data['count']]), [
    [ARN.ursula, 'kms:DisableKey', 'denied', 'Forbidden.NoPermission', undefined],
    [ARN.ops, 'kms:DescribeKey', 'denied', 'Forbidden.NoPermission', undefined],
    [ARN.carol, 'kms:DescribeKey', 'denied', 'Forbidden.NoPermission', 1],
    [ARN.dave, 'kms:DescribeKey', 'denied', 'Forbidden.NoPermission', 1],
  ])
  for (const u of usage) {
    assert.is(u.type, 'ActionInvoked')
    assert.type(u.data['requestId'], 'string')
  }
  // a missing key has no history to write to, and none is made
  assert.equal(await usageOf(app, 'key-hzz00000000000000000000'), [])
})

// ── the crypto side (S-5.2, S-5.3) ──────────────────────────────────────────────────────────────────────────

const b64 = (text: string) => Buffer.from(text).toString('base64')
const encrypt = (w: Who, keyId: string, text = 'payload') => kms(w).encrypt(req('Encrypt', { keyId, plaintext: b64(text) }))
const decrypt = (w: Who, ciphertextBlob: string) => kms(w).decrypt(req('Decrypt', { ciphertextBlob }))
const generateDataKey = (w: Who, keyId: string) => kms(w).generateDataKey(req('GenerateDataKey', { keyId }))
const reEncrypt = (w: Who, blob: string, destination: string) =>
  pop(w).request('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: destination }, { method: 'POST' })
const plaintextOf = (r: { plaintext: string }) => Buffer.from(r.plaintext, 'base64').toString()

/** A key of O's root with the console policy plus `extra` statements. */
const keyWith = async (...extra: object[]): Promise<string> =>
  (await pop('oRoot').request('CreateKey', { Policy: JSON.stringify({ ...policy, Statement: [...policy.Statement, ...extra] }) }, { method: 'POST' })).KeyMetadata.KeyId

/** The refusals in a key's history, as [who, permission, code]: each refusal must be there exactly once. */
const denialsOn = async (keyId: string) =>
  (await usageOf(app, keyId)).filter((u) => u.data['outcome'] === 'denied')
    .map((u) => [u.principal, u.data['action'], u.data['errorCode']])

const NO = 'Forbidden.NoPermission'

test('S-5.2 administrator: manages the key, but does not Encrypt, Decrypt or GenerateDataKey', async () => {
  const k = await newKey()
  const blob = (await encrypt('oRoot', k)).ciphertextBlob as string
  await refused(encrypt('alice', k))
  await refused(decrypt('alice', blob))
  await refused(generateDataKey('alice', k))
  await kms('alice').scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId: k, pendingWindowInDays: 7 }))
  await kms('alice').cancelKeyDeletion(req('CancelKeyDeletion', { keyId: k }))
  assert.is((await describe('alice', k)).keyMetadata.keyState, 'Enabled')
  assert.equal(await denialsOn(k), [
    [ARN.alice, 'kms:Encrypt', NO], [ARN.alice, 'kms:Decrypt', NO], [ARN.alice, 'kms:GenerateDataKey', NO],
  ])
})

test('S-5.2 user: Encrypt, Decrypt and GenerateDataKey, but not ScheduleKeyDeletion', async () => {
  const k = await newKey()
  const e = await encrypt('ursula', k, 'for ursula')
  assert.is(e.keyId, k)
  assert.is(plaintextOf(await decrypt('ursula', e.ciphertextBlob)), 'for ursula')
  const g = await generateDataKey('ursula', k)
  assert.is((await decrypt('ursula', g.ciphertextBlob)).plaintext, g.plaintext)
  await refused(kms('ursula').scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId: k, pendingWindowInDays: 7 })))
  assert.is((await describe('oRoot', k)).keyMetadata.keyState, 'Enabled')
  assert.equal(await denialsOn(k), [[ARN.ursula, 'kms:ScheduleKeyDeletion', NO]])
  // the allowed calls are in the history too, as allowed
  const allowed = (await usageOf(app, k)).filter((u) => u.data['outcome'] === 'allowed').map((u) => u.data['action'])
  assert.equal(allowed, ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:Decrypt'])
})

test('S-5.3 other-account RAM user: Encrypt by the key ARN only when the key policy AND its own account grant it', async () => {
  const k = await newKey()
  const kArn = keyArn(REGION, O, k)
  const e = await encrypt('bob', kArn, 'from X')
  assert.is(e.keyId, k)
  assert.is(plaintextOf(await decrypt('bob', e.ciphertextBlob)), 'from X') // the ciphertext names the key: no ARN needed
  await refused(encrypt('carol', kArn)) // named by the key policy, not granted by X
  await refused(encrypt('dave', kArn)) // granted by Z, never named by the key policy
  await refused(encrypt('xRoot', kArn)) // X's root is not one of the key's other-account users
  await refused(encrypt('bob', k)) // a bare id names X's own keys, where X grants bob nothing
  assert.equal(await denialsOn(k), [
    [ARN.carol, 'kms:Encrypt', NO], [ARN.dave, 'kms:Encrypt', NO], [ARN.xRoot, 'kms:Encrypt', NO],
  ])
})

test('explicit Deny on kms:Decrypt wins for the owner\'s RAM user, whom the user statement allows', async () => {
  const k = await keyWith({ Sid: 'NoDecryptByUrsula', Effect: 'Deny', Principal: { RAM: [ARN.ursula] }, Action: ['kms:Decrypt'], Resource: ['*'] })
  const blob = (await encrypt('ursula', k, 'sealed')).ciphertextBlob as string
  await refused(decrypt('ursula', blob))
  assert.is(plaintextOf(await decrypt('oRoot', blob)), 'sealed')
  assert.equal(await denialsOn(k), [[ARN.ursula, 'kms:Decrypt', NO]])
})

test('Decrypt is decided on the key inside the ciphertext: 403 for whoever may not use it, and for a ciphertext of no key', async () => {
  const k = await newKey()
  const blob = (await encrypt('ursula', k, 'secret')).ciphertextBlob as string
  const answers = [
    await refused(decrypt('alice', blob)), await refused(decrypt('carol', blob)),
    await refused(decrypt('xRoot', blob)), await refused(decrypt('dave', blob)),
  ]
  // The same blob naming a key id that exists nowhere: the same 403, even for the owner's root (no existence leak).
  const decoded = decodeBlob(blob)
  if (E.isLeft(decoded)) throw new Error(decoded.left.message)
  const forged = encodeBlob({ ...decoded.right, keyId: 'key-hzz00000000000000000001' })
  answers.push(await refused(decrypt('oRoot', forged)), await refused(decrypt('carol', forged)))
  for (const a of answers) assert.is(a.data['Message'], answers[0]!.data['Message'])
  assert.equal(await denialsOn(k), [
    [ARN.alice, 'kms:Decrypt', NO], [ARN.carol, 'kms:Decrypt', NO], [ARN.xRoot, 'kms:Decrypt', NO], [ARN.dave, 'kms:Decrypt', NO],
  ])
  assert.equal(await usageOf(app, 'key-hzz00000000000000000001'), [])
})

test('another account naming a missing key to Encrypt gets the same 403 as for a key it may not use', async () => {
  const missing = keyArn(REGION, O, 'key-hzz00000000000000000002')
  const a = await refused(encrypt('carol', missing))
  const b = await refused(encrypt('carol', arn))
  assert.is(a.data['Message'], b.data['Message'])
  await refused(encrypt('bob', missing)) // even a caller the owner trusts learns nothing
  await refused(generateDataKey('dave', `acs:kms:${REGION}:${O}:alias/nope`))
  assert.equal(await usageOf(app, 'key-hzz00000000000000000002'), [])
})

test('ReEncrypt: kms:ReEncryptFrom on the ciphertext\'s key, kms:ReEncryptTo on the destination; the refusal is the refusing key\'s', async () => {
  const reEncryptBy = (permission: string) => ({ Sid: 'UrsulaReEncrypts', Effect: 'Allow', Principal: { RAM: [ARN.ursula] }, Action: [permission], Resource: ['*'] })
  const source = await keyWith(reEncryptBy('kms:ReEncryptFrom'))
  const open = await keyWith(reEncryptBy('kms:ReEncryptTo'))
  const closed = await newKey() // the console user statement has no kms:ReEncrypt*
  const blob = (await encrypt('ursula', source, 'moving')).ciphertextBlob as string
  const moved = await reEncrypt('ursula', blob, open)
  assert.is(moved.KeyId, open)
  assert.is(plaintextOf({ plaintext: (await decrypt('ursula', moved.CiphertextBlob)).plaintext }), 'moving')
  await refused(reEncrypt('ursula', blob, closed))
  await refused(reEncrypt('ursula', moved.CiphertextBlob, source)) // `open` allows ReEncryptTo, not ReEncryptFrom
  assert.equal(await denialsOn(closed), [[ARN.ursula, 'kms:ReEncryptTo', NO]])
  assert.equal(await denialsOn(open), [[ARN.ursula, 'kms:ReEncryptFrom', NO]])
  // the source was allowed when the destination refused: for it the call failed, it was not denied
  const sourceHistory = (await usageOf(app, source)).map((u) => [u.data['action'], u.data['outcome'], u.data['errorCode']])
  assert.equal(sourceHistory, [
    ['kms:Encrypt', 'allowed', null], ['kms:ReEncryptFrom', 'allowed', null], ['kms:ReEncryptFrom', 'failed', NO],
  ])
})

test.after(() => app.close())
test.run()
