import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { keyUsageStreamId } from '../../../domain/key/events.ts'
import { ACCOUNT_A, KEY_A, startTestServer } from '../../support/api-server.ts'
import { popClient, sdkError } from '../../support/sdk-clients.ts'

// Issue 11: a hot key's authorization decision is remembered per key state (application/access/decision-cache.ts).
// On the SQLite store, where the stream cache hands back the same folded state while the key is unchanged, so the
// remembered decision is really used. Given a key called often enough that its decision is remembered, when its
// policy changes, then the very next call is decided under the new policy (and a refusal is recorded); a policy
// with a Condition is decided afresh for every request, since the request's facts take part. DescribeKey's answer
// is kept per key state as well (adapters/http/actions/key-metadata.ts): the next one after a change shows it.

const app = await startTestServer()
const pop = popClient(app.api.port, KEY_A)
const ROOT = `acs:ram::${ACCOUNT_A}:root`
const all = { Sid: 'All', Effect: 'Allow', Principal: { RAM: [ROOT] }, Action: ['kms:*'], Resource: ['*'] }
const policy = (...more: object[]) => JSON.stringify({ Version: '1', Statement: [all, ...more] })
const setPolicy = (keyId: string, text: string) => pop.request('SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: text }, { method: 'POST' })
const encrypt = (keyId: string, context?: Record<string, string>) =>
  pop.request('Encrypt', { KeyId: keyId, Plaintext: 'aGVsbG8=', ...(context ? { EncryptionContext: JSON.stringify(context) } : {}) }, { method: 'POST' })
const codeOf = async (p: Promise<unknown>): Promise<string> => {
  const settled = await p.then(() => 'ok', () => undefined)
  return settled ?? ((await sdkError(p)).data['Code'] as string)
}
const newKey = async (): Promise<string> => (await pop.request('CreateKey', {}, { method: 'POST' })).KeyMetadata.KeyId as string
const deniedRecords = async (keyId: string) =>
  (await app.store.readStream(keyUsageStreamId(keyId))).filter((e) => (e.data as Record<string, unknown>)['outcome'] === 'denied').length

test('a hot key: a policy that denies Encrypt refuses the very next Encrypt (recorded as denied), and allowing it again lets the next one through', async () => {
  const keyId = await newKey()
  for (let i = 0; i < 5; i++) assert.is(await codeOf(encrypt(keyId)), 'ok')
  await setPolicy(keyId, policy({ Sid: 'NoEncrypt', Effect: 'Deny', Principal: { RAM: [ROOT] }, Action: ['kms:Encrypt'], Resource: ['*'] }))
  assert.is(await codeOf(encrypt(keyId)), 'Forbidden.NoPermission')
  assert.is(await codeOf(encrypt(keyId)), 'Forbidden.NoPermission')
  assert.is(await deniedRecords(keyId), 2)
  await setPolicy(keyId, policy())
  assert.is(await codeOf(encrypt(keyId)), 'ok')
})

test('a hot key: DisableKey takes effect on the very next Encrypt, EnableKey on the one after it', async () => {
  const keyId = await newKey()
  for (let i = 0; i < 5; i++) assert.is(await codeOf(encrypt(keyId)), 'ok')
  await pop.request('DisableKey', { KeyId: keyId }, { method: 'POST' })
  assert.is(await codeOf(encrypt(keyId)), 'Rejected.Disabled')
  await pop.request('EnableKey', { KeyId: keyId }, { method: 'POST' })
  assert.is(await codeOf(encrypt(keyId)), 'ok')
})

test('a conditional Deny (unless dept=finance) is decided per request on an unchanged key: allowed, refused, allowed, refused', async () => {
  const keyId = await newKey()
  await setPolicy(keyId, policy({
    Sid: 'FinanceOnly', Effect: 'Deny', Principal: { RAM: [ROOT] }, Action: ['kms:Encrypt'], Resource: ['*'],
    Condition: { StringNotEquals: { 'kms:EncryptionContext:dept': 'finance' } },
  }))
  const finance = { dept: 'finance' }
  const codes = []
  for (const context of [finance, undefined, finance, { dept: 'sales' }, finance]) codes.push(await codeOf(encrypt(keyId, context)))
  assert.equal(codes, ['ok', 'Forbidden.NoPermission', 'ok', 'Forbidden.NoPermission', 'ok'])
})

test('a hot key: DescribeKey answers the new description right after UpdateKeyDescription (its answer is kept per key state too)', async () => {
  const keyId = await newKey()
  const described = async () => (await pop.request('DescribeKey', { KeyId: keyId }, { method: 'POST' })).KeyMetadata.Description as string
  assert.is(await described(), '')
  assert.is(await described(), '')
  await pop.request('UpdateKeyDescription', { KeyId: keyId, Description: 'payroll' }, { method: 'POST' })
  assert.is(await described(), 'payroll')
})

test.after(async () => {
  await app.close()
})

test.run()
