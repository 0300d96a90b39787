import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { complianceReport, type ReportTable } from '../../../projections/reports/index.ts'
import { ACCOUNT, OTHER_ACCOUNT, T0, World, at } from '../../support/projection-world.ts'

const DAY = 86_400

const world = async () => {
  const w = new World()
  const plain = await w.createKey(T0, { rotation: { enabled: false, intervalSeconds: null }, tags: [{ TagKey: 'owner', TagValue: 'pay' }] as never })
  const rotating = await w.createKey(T0, { rotation: { enabled: true, intervalSeconds: 30 * DAY } })
  const protectedKey = await w.createKey(T0, { rotation: { enabled: true, intervalSeconds: 365 * DAY } })
  await w.run(protectedKey, { type: 'SetDeletionProtection', now: at(T0, 1), enable: true, description: 'prod' })
  const rsa = await w.createKey(T0, { spec: 'RSA_2048', usage: 'ENCRYPT/DECRYPT' })
  const shared = await w.createKey(T0, {
    policy: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Principal: { RAM: [`acs:ram::${ACCOUNT}:*`, `acs:ram::${OTHER_ACCOUNT}:root`] }, Action: ['kms:Encrypt'], Resource: ['*'] }] }),
  })
  await w.run(shared, { type: 'DisableKey', now: at(T0, 50) })
  await w.call(shared, at(T0, 40))
  await w.call(shared, at(T0, 60), { outcome: 'denied', errorCode: 'Rejected.Disabled' })
  await w.call(rsa, at(T0, 70), { action: 'kms:AsymmetricDecrypt', algorithm: 'RSAES_OAEP_SHA_1' })
  await w.call(plain, at(T0, 5))
  await w.run(plain, { type: 'ScheduleKeyDeletion', now: at(T0, 100), pendingWindowInDays: 30 })
  return { w, plain, rotating, protectedKey, rsa, shared, events: await w.store.readAll() }
}

const report = (name: string, o: Parameters<typeof complianceReport>[1]): ReportTable => {
  const r = complianceReport(name, o)
  if (E.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const ids = (t: ReportTable): string[] => t.rows.map((r) => String(r.KeyId))

test('keys without automatic rotation lists rotatable keys with rotation off (asymmetric keys cannot rotate)', async () => {
  const { w, plain, events } = await world()
  const t = report('no-rotation', { events, now: new Date(at(T0, 110)) })
  assert.equal(ids(t), [plain], 'S-4.1: keys created without a rotation choice rotate every 365 days')
  await w.close()
})

test('keys overdue for rotation: NextRotationDate passed', async () => {
  const { w, rotating, events } = await world()
  const t = report('rotation-overdue', { events, now: new Date(at(T0, 40)) })
  assert.equal(ids(t), [rotating])
  assert.is(t.rows[0]!.DaysOverdue, 10)
  assert.equal(ids(report('rotation-overdue', { events, now: new Date(at(T0, 40)), at: new Date(at(T0, 20)) })), [], '--at: not yet overdue')
  await w.close()
})

test('keys without deletion protection, and keys pending deletion with when they go', async () => {
  const { w, protectedKey, plain, events } = await world()
  assert.not.ok(ids(report('no-deletion-protection', { events, now: new Date(at(T0, 110)) })).includes(protectedKey))
  const pending = report('pending-deletion', { events, now: new Date(at(T0, 110)) })
  assert.equal(ids(pending), [plain])
  assert.is(pending.rows[0]!.DeleteDate, at(T0, 130))
  assert.is(pending.rows[0]!.DaysLeft, 20)
  assert.equal(ids(report('pending-deletion', { events, now: new Date(at(T0, 110)), at: new Date(at(T0, 99)) })), [], '--at before the scheduling')
  await w.close()
})

test('disabled keys still called: calls after the key was disabled (by when they happened, not when recorded)', async () => {
  const { w, shared, events } = await world()
  const t = report('disabled-still-called', { events, now: new Date(at(T0, 110)) })
  assert.equal(ids(t), [shared])
  assert.is(t.rows[0]!.CallsSinceDisabled, 1)
  assert.is(t.rows[0]!.LastCallTime, at(T0, 60))
  await w.close()
})

test('keys unused for N days; S-10.3 calls older than 365 days count as none shown', async () => {
  const { w, rotating, plain, protectedKey, events } = await world()
  const t = report('unused', { events, now: new Date(at(T0, 110)), days: 90 })
  assert.equal(ids(t), [plain, protectedKey, rotating].sort())
  const later = report('unused', { events, now: new Date(at(T0, 400)), days: 30 })
  const row = later.rows.find((r) => r.KeyId === plain)
  assert.ok(row, 'its call 395 days ago is outside the window')
  assert.is(row.Usage, 'no call within 365 days')
  assert.is(row.LastCallTime, null)
  assert.is(later.rows.find((r) => r.KeyId === rotating)!.Usage, 'never called since tracking began')
  await w.close()
})

test('keys open to other accounts: key policy principals of another account id', async () => {
  const { w, shared, events } = await world()
  const t = report('cross-account', { events, now: new Date(at(T0, 110)) })
  assert.equal(ids(t), [shared])
  assert.is(t.rows[0]!.OtherAccounts, OTHER_ACCOUNT)
  await w.close()
})

test('keys missing required tag keys', async () => {
  const { w, plain, events } = await world()
  const t = report('missing-tags', { events, now: new Date(at(T0, 10)), requireTags: ['owner', 'env'] })
  assert.is(t.rows.length, 5)
  assert.is(t.rows.find((r) => r.KeyId === plain)!.MissingTags, 'env')
  assert.ok(E.isLeft(complianceReport('missing-tags', { events, now: new Date() })), '--require-tag is required')
  await w.close()
})

test('weak or legacy specs: RSA_2048 keys and RSAES_OAEP_SHA_1 callers', async () => {
  const { w, rsa, events } = await world()
  const t = report('weak-specs', { events, now: new Date(at(T0, 110)) })
  assert.equal(ids(t), [rsa, rsa])
  assert.ok(t.rows.some((r) => String(r.Finding).startsWith('RSAES_OAEP_SHA_1')))
  await w.close()
})

test('inventory counts keys per spec and state, also as of a past instant', async () => {
  const { w, events } = await world()
  const now = report('inventory', { events, now: new Date(at(T0, 110)) })
  assert.equal(now.rows.find((r) => r.KeySpec === 'Aliyun_AES_256'), { KeySpec: 'Aliyun_AES_256', Enabled: 2, Disabled: 1, PendingDeletion: 1, PendingImport: 0, Deleted: 0, Total: 4 })
  const before = report('inventory', { events, now: new Date(at(T0, 110)), at: new Date(at(T0, -1)) })
  assert.equal(before.rows, [])
  await w.close()
})

test('an unknown report name is InvalidParameter', () => {
  const r = complianceReport('nope', { events: [], now: new Date() })
  assert.ok(E.isLeft(r) && r.left.code === 'InvalidParameter')
})

test.run()
