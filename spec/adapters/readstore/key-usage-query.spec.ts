import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SqliteKeyUsageQuery } from '../../../adapters/readstore/key-usage-query.ts'
import { T0, World, at } from '../../support/projection-world.ts'

test('S-10.2 association detection lists each product with its last call time and the resources that used the key', async () => {
  const w = new World()
  const keyId = await w.createKey(T0)
  await w.call(keyId, at(T0, 10), { callerService: 'ecs', callerResource: 'disk/d-1' })
  await w.call(keyId, at(T0, 20), { callerService: 'ecs', callerResource: 'snapshot/s-9' })
  await w.call(keyId, at(T0, 15), { callerService: 'oss', callerResource: null })
  await w.call(keyId, at(T0, 30), { callerService: null, callerResource: null, outcome: 'denied', errorCode: 'Forbidden.NoPermission' })
  await w.catchUp()
  const a = await new SqliteKeyUsageQuery(w.readStore).describeKeyAssociations(keyId, new Date(at(T0, 40)))
  assert.is(a.status, 'InUse')
  assert.is(a.lastCallTime, at(T0, 30))
  const ecs = a.products.find((p) => p.service === 'ecs')!
  assert.is(ecs.lastCallTime, at(T0, 20))
  assert.is(ecs.calls, 2)
  assert.equal(ecs.resources.map((r) => [r.resource, r.lastCallTime]), [['snapshot/s-9', at(T0, 20)], ['disk/d-1', at(T0, 10)]])
  assert.is(a.products.find((p) => p.service === 'oss')!.lastCallTime, at(T0, 15))
  assert.ok(a.products.some((p) => p.service === ''), 'calls naming no product are kept under ""')
  await w.close()
})

test('S-10.3 a last call older than 365 days shows no time and says "no call within 365 days", not "never"', async () => {
  const w = new World()
  const keyId = await w.createKey(T0)
  await w.call(keyId, at(T0, 1))
  await w.catchUp()
  const q = new SqliteKeyUsageQuery(w.readStore)
  const within = await q.getKeyLastCallTime(keyId, new Date(at(T0, 366)))
  assert.is(within.lastCallTime, at(T0, 1))
  assert.is(within.status, 'InUse')
  const after = await q.describeKeyAssociations(keyId, new Date(at(T0, 366.01)))
  assert.is(after.lastCallTime, null)
  assert.is(after.status, 'NoCallWithin365Days')
  assert.is(after.products[0]!.lastCallTime, null)
  assert.is(after.products[0]!.resources[0]!.lastCallTime, null)
  await w.close()
})

test('a key tracked since its creation and never called is "unused"', async () => {
  const w = new World()
  const other = await w.createKey(T0)
  await w.call(other, T0)
  const keyId = await w.createKey(at(T0, 1))
  await w.catchUp()
  const r = await new SqliteKeyUsageQuery(w.readStore).getKeyLastCallTime(keyId, new Date(at(T0, 2)))
  assert.is(r.status, 'Unused')
  assert.is(r.lastCallTime, null)
  await w.close()
})

test('a key created before tracking began, with no call since, has "no record since tracking began"', async () => {
  const w = new World()
  const old = await w.createKey(T0)
  const other = await w.createKey(T0)
  await w.call(other, at(T0, 5)) // tracking begins with the first recorded call
  await w.catchUp()
  const q = new SqliteKeyUsageQuery(w.readStore)
  const r = await q.getKeyLastCallTime(old, new Date(at(T0, 6)))
  assert.is(r.status, 'NoRecordSinceTrackingBegan')
  assert.is(r.trackingSince, at(T0, 5))
  assert.is((await q.getKeyLastCallTime('key-never-seen', new Date(at(T0, 6)))).status, 'NoRecordSinceTrackingBegan')
  const configured = new SqliteKeyUsageQuery(w.readStore, { trackingSince: '2025-01-01T00:00:00.000Z' })
  assert.is((await configured.getKeyLastCallTime(old, new Date(at(T0, 6)))).status, 'Unused')
  await w.close()
})

test.run()
