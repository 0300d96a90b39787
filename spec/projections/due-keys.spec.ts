import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { KeyCommand } from '../../domain/key/index.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import { KeyService } from '../../application/key-service.ts'
import { MemoryEventStore } from '../../adapters/store/memory.ts'
import {
  automaticRotation, deletedKeysHoldingAliases, dueForDeletion, dueForRotation, emptyDueKeys, foldDueKeys, materialExpired,
  nextRotationDate, type DueKeysView, type RotationUnit,
} from '../../projections/due-keys.ts'
import { ACCOUNT, counterIds, REGION, right, softwareKey } from '../support/scheduler-world.ts'

// The view is folded from real events: a memory store and the key service make them, as the server would.

const T0 = '2026-01-05T10:00:00.000Z'
const DAY = 86_400_000
const t = (days: number, ms = 0): Date => new Date(Date.parse(T0) + days * DAY + ms)
const ctx = (now: Date): CommandContext => ({ principal: `acs:ram::${ACCOUNT}:root`, requestId: 'r', now })

const setup = () => {
  const store = new MemoryEventStore()
  const keys = new KeyService(store, counterIds())
  const view = async (unit: RotationUnit = 'day'): Promise<DueKeysView> => (await store.readAll()).reduce(foldDueKeys, emptyDueKeys(unit))
  const create = async (days: number | null, at = t(0), over = {}) =>
    right(await keys.createKey(softwareKey(days === null ? { enabled: false, intervalSeconds: null } : { enabled: true, intervalSeconds: days * 86_400 }, over), ctx(at))).state.keyId
  const exec = async (keyId: string, at: Date, cmd: Record<string, unknown>) =>
    right(await keys.execute(keyId, { now: at.toISOString(), ...cmd } as KeyCommand, ctx(at)))
  return { store, keys, view, create, exec }
}
const ids = (keys: { keyId: string }[]) => keys.map((k) => k.keyId)

test('API §5.4 NextRotationDate = LastRotationDate + interval: due then, not a millisecond before', async () => {
  const { view, create, exec } = setup()
  const k = await create(7)
  let v = await view()
  assert.is(nextRotationDate(v.keys.get(k)!, 'day')?.toISOString(), t(7).toISOString())
  assert.equal(ids(dueForRotation(v, t(7, -1))), [])
  assert.equal(ids(dueForRotation(v, t(7))), [k])
  await exec(k, t(7, 5000), { type: 'RotateKey', versionId: 'v-next', reason: 'automatic' })
  v = await view()
  assert.is(v.keys.get(k)!.lastRotationDate, t(7, 5000).toISOString())
  assert.equal(ids(dueForRotation(v, t(14))), [])
  assert.equal(ids(dueForRotation(v, t(14, 5000))), [k])
})

test('API §5.4 Disabled and PendingDeletion keys are Suspended; enabled again, an overdue key is due at once', async () => {
  const { view, create, exec } = setup()
  const disabled = await create(7)
  const pending = await create(7)
  const off = await create(null)
  await exec(disabled, t(1), { type: 'DisableKey' })
  await exec(pending, t(1), { type: 'ScheduleKeyDeletion', pendingWindowInDays: 30 })
  let v = await view()
  assert.equal([disabled, pending, off].map((k) => automaticRotation(v.keys.get(k)!)), ['Suspended', 'Suspended', 'Disabled'])
  assert.equal(ids(dueForRotation(v, t(100))), [])
  await exec(disabled, t(20), { type: 'EnableKey' })
  await exec(pending, t(20), { type: 'CancelKeyDeletion' })
  v = await view()
  assert.equal(ids(dueForRotation(v, t(20))).sort(), [disabled, pending].sort())
})

test('API §5.4 a shortened interval that puts the next date in the past makes the key due at once', async () => {
  const { view, create, exec } = setup()
  const k = await create(30)
  assert.equal(ids(dueForRotation(await view(), t(10))), [])
  await exec(k, t(10), { type: 'UpdateRotationPolicy', enable: true, intervalSeconds: 7 * 86_400 })
  assert.equal(ids(dueForRotation(await view(), t(10))), [k])
})

test('S-8.1 a key is due for deletion when its window ends, no sooner; cancelled, it is not', async () => {
  const { view, create, exec } = setup()
  const k = await create(null)
  const cancelled = await create(null)
  await exec(k, t(0), { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  await exec(cancelled, t(0), { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  await exec(cancelled, t(1), { type: 'CancelKeyDeletion' })
  const v = await view()
  assert.equal(ids(dueForDeletion(v, t(7, -60_000))), [])
  assert.equal(ids(dueForDeletion(v, t(7))), [k])
  await exec(k, t(7), { type: 'DeleteKey' })
  assert.equal(ids(dueForDeletion(await view(), t(8))), [])
})

test('API §5.11 imported material is expired from KeyMaterialExpireUnix on; a new import without expiry is not', async () => {
  const { view, create, exec } = setup()
  const k = await create(null, t(0), { origin: 'EXTERNAL' })
  await exec(k, t(0), { type: 'ImportKeyMaterial', expireAt: t(1).toISOString() })
  const v = await view()
  assert.equal(ids(materialExpired(v, t(1, -1))), [])
  assert.equal(ids(materialExpired(v, t(1))), [k])
  await exec(k, t(1), { type: 'DeleteKeyMaterial', reason: 'expired' })
  assert.is((await view()).keys.get(k)!.status, 'PendingImport')
  await exec(k, t(2), { type: 'ImportKeyMaterial', expireAt: null })
  assert.equal(ids(materialExpired(await view(), t(400))), [])
})

test('the rotation unit (tests and demos only) scales the interval the view applies: 7d counts 7 minutes', async () => {
  const { view, create } = setup()
  const k = await create(7)
  const v = await view('minute')
  assert.is(nextRotationDate(v.keys.get(k)!, 'minute')?.toISOString(), new Date(Date.parse(T0) + 7 * 60_000).toISOString())
  assert.equal(ids(dueForRotation(v, new Date(Date.parse(T0) + 7 * 60_000))), [k])
  assert.equal(ids(dueForRotation(await view('day'), new Date(Date.parse(T0) + 7 * 60_000))), [])
})

test('aliases are followed: a deleted key still holding an alias is listed for release', async () => {
  const { view, create, exec, keys } = setup()
  const k = await create(null)
  right(await keys.alias({ type: 'CreateAlias', alias: 'alias/a', keyId: k, accountId: ACCOUNT, region: REGION }, ctx(t(0))))
  await exec(k, t(0), { type: 'ScheduleKeyDeletion', pendingWindowInDays: 7 })
  assert.equal(ids(deletedKeysHoldingAliases(await view())), [])
  await exec(k, t(7), { type: 'DeleteKey' })
  assert.equal(ids(deletedKeysHoldingAliases(await view())), [k])
  right(await keys.alias({ type: 'DeleteAlias', alias: 'alias/a', accountId: ACCOUNT, region: REGION }, ctx(t(7))))
  assert.equal(ids(deletedKeysHoldingAliases(await view())), [])
})

test('the fold is pure, skips what it already folded, ignores other streams and counts what does not decode', async () => {
  const { store, view, create } = setup()
  await create(7)
  const events = await store.readAll()
  const before = emptyDueKeys()
  const once = events.reduce(foldDueKeys, before)
  assert.is(before.keys.size, 0, 'the old view is untouched')
  assert.is(events.reduce(foldDueKeys, once), once, 'redelivered events change nothing')
  const usage: RecordedEvent = { ...events[0]!, streamId: 'keyusage-x', position: once.position + 1, type: 'ActionInvoked' }
  const broken: RecordedEvent = { ...events[0]!, position: once.position + 2, data: { keyId: 42 } }
  const after = [usage, broken].reduce(foldDueKeys, once)
  assert.is(after.position, once.position + 2)
  assert.is(after.undecodable, 1)
  assert.equal([...after.keys.values()], [...(await view()).keys.values()])
})

test.run()
