import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { at, HOUR, MINUTE, right, SCHEDULER_PRINCIPAL, world } from '../../support/scheduler-world.ts'

test('API §5.11 imported material expires at KeyMaterialExpireUnix and the key returns to PendingImport', async () => {
  // given an EXTERNAL key whose material expires at 12:00 (KeyMaterialExpireUnix 1767787200)
  const w = world('2026-01-07T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null, { origin: 'EXTERNAL' })
    const expireAt = new Date(1767787200 * 1000).toISOString()
    assert.is(expireAt, '2026-01-07T12:00:00.000Z')
    await w.exec(keyId, (now) => ({ type: 'ImportKeyMaterial', now, expireAt }))
    assert.is(right(await w.keys.load(keyId)).status, 'Enabled')
    await w.start()
    // when the clock reaches one minute before: still Enabled
    await w.clock.tickAsync(Date.parse(expireAt) - Date.now() - MINUTE)
    assert.is(right(await w.keys.load(keyId)).status, 'Enabled')
    // when it reaches the expiry: KeyMaterialDeleted (expired), PendingImport
    await w.clock.tickAsync(MINUTE)
    const history = await w.history(keyId)
    assert.equal(history.map((e) => `${e.type} ${e.at}`), [
      'KeyCreated 2026-01-07T09:20:00.000Z', 'KeyMaterialImported 2026-01-07T09:20:00.000Z', 'KeyMaterialDeleted 2026-01-07T12:00:00.000Z'])
    assert.equal(history[2]!.data, { keyId, reason: 'expired' })
    assert.is(history[2]!.principal, SCHEDULER_PRINCIPAL)
    assert.is(right(await w.keys.load(keyId)).status, 'PendingImport')
    // and material imported again without an expiry is kept
    await w.exec(keyId, (now) => ({ type: 'ImportKeyMaterial', now, expireAt: null }))
    await w.clock.tickAsync(3 * HOUR)
    assert.equal((await w.history(keyId)).slice(3).map((e) => e.type), ['KeyMaterialImported'])
    assert.is(right(await w.keys.load(keyId)).status, 'Enabled')
  } finally {
    await w.close()
  }
})

test('API §5.2 material expiring while the key is pending deletion leaves it PendingDeletion with its deletion date', async () => {
  const w = world('2026-01-07T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null, { origin: 'EXTERNAL' })
    await w.exec(keyId, (now) => ({ type: 'ImportKeyMaterial', now, expireAt: at('2026-01-07T10:00:00.000Z') }))
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 }))
    await w.start()
    await w.clock.tickAsync(HOUR)
    const key = right(await w.keys.load(keyId))
    assert.is(key.status, 'PendingDeletion')
    assert.is(key.deleteDate, '2026-01-14T09:20:00.000Z')
    assert.equal((await w.history(keyId)).map((e) => `${e.type} ${e.at}`).slice(3), ['KeyMaterialDeleted 2026-01-07T10:00:00.000Z'])
  } finally {
    await w.close()
  }
})

test.run()
