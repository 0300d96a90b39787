import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { automaticRotation } from '../../../projections/due-keys.ts'
import { at, DAY, HOUR, MINUTE, right, SCHEDULER_PRINCIPAL, world } from '../../support/scheduler-world.ts'

const hourly = { rotateDueKeys: '0 * * * *', deleteExpiredPendingKeys: '0 0 * * *', expireImportedMaterial: '0 0 * * *' }

test('API §5.4 a 7-day key rotates 30 times in 30 periods, each at LastRotationDate + 7d rounded up to the cron run', async () => {
  // given a key made at 09:20 and a scheduler that runs every hour
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(7)
    const scheduler = await w.start({ schedules: hourly })
    // when 30 periods pass
    await w.clock.tickAsync(30 * 7 * DAY + HOUR)
    // then: the first rotation at the first hourly run after 01-12 09:20, each next exactly 7 days after the last
    const history = await w.history(keyId)
    const expected = ['KeyCreated 2026-01-05T09:20:00.000Z',
      ...Array.from({ length: 30 }, (_, i) => `VersionRotated ${at('2026-01-12T10:00:00.000Z', i * 7 * DAY)}`)]
    assert.equal(history.map((e) => `${e.type} ${e.at}`), expected)
    const rotated = history.slice(1)
    assert.ok(rotated.every((e) => e.data.reason === 'automatic' && e.data.rotatedAt === e.at && e.principal === SCHEDULER_PRINCIPAL))
    assert.is(new Set(rotated.map((e) => e.data.versionId)).size, 30)
    assert.is(new Set(rotated.map((e) => e.requestId)).size, 30, 'each run has its own run id')
    // and the last version is primary; the status shows 30 rotations' worth of runs and the next run
    const key = right(await w.keys.load(keyId))
    assert.is(key.primaryVersionId, rotated[29]!.data.versionId)
    assert.is(key.versions.length, 31)
    const status = scheduler.scheduler.status().jobs.find((j) => j.job === 'rotateDueKeys')!
    assert.is(status.runs, 30 * 7 * 24 + 1)
    assert.is(status.nextRun, at('2026-01-05T11:00:00.000Z', 30 * 7 * DAY)) // the clock stands at 10:20 that day
  } finally {
    await w.close()
  }
})

test('KMS_ROTATION_UNIT=minute (tests and demos only): a 7d policy rotates every 7 minutes, the policy itself unchanged', async () => {
  const w = world('2026-01-05T09:20:30.000Z')
  try {
    const keyId = await w.createKey(7)
    await w.start({ rotationUnit: 'minute' })
    await w.clock.tickAsync(30 * 7 * MINUTE + 40_000)
    const history = await w.history(keyId)
    assert.equal(history.map((e) => `${e.type} ${e.at}`), ['KeyCreated 2026-01-05T09:20:30.000Z',
      ...Array.from({ length: 30 }, (_, i) => `VersionRotated ${at('2026-01-05T09:28:00.000Z', i * 7 * MINUTE)}`)])
    assert.is(right(await w.keys.load(keyId)).rotation.intervalSeconds, 7 * 86_400)
    assert.ok(w.lines.some((l) => l.level === 40 && String(l.msg).includes('tests and demos only')), 'the demo unit is logged as a warning')
  } finally {
    await w.close()
  }
})

test('API §5.4 a Disabled key is Suspended and does not rotate; enabled again when overdue it rotates at the next run', async () => {
  const w = world('2026-01-05T10:00:00.000Z')
  try {
    const keyId = await w.createKey(7)
    const running = await w.start({ schedules: hourly })
    await w.clock.tickAsync(3 * DAY)
    await w.exec(keyId, (now) => ({ type: 'DisableKey', now }))
    await w.clock.tickAsync(7 * DAY + 5 * MINUTE) // due since day 7
    assert.equal((await w.history(keyId)).map((e) => e.type), ['KeyCreated', 'KeyDisabled'])
    assert.is(automaticRotation(running.dueKeys.view().keys.get(keyId)!), 'Suspended')
    await w.exec(keyId, (now) => ({ type: 'EnableKey', now }))
    await w.clock.tickAsync(HOUR)
    const history = await w.history(keyId)
    assert.equal(history.map((e) => `${e.type} ${e.at}`), [
      'KeyCreated 2026-01-05T10:00:00.000Z', 'KeyDisabled 2026-01-08T10:00:00.000Z', 'KeyEnabled 2026-01-15T10:05:00.000Z',
      'VersionRotated 2026-01-15T11:00:00.000Z'])
    // and the schedule resumes from the new rotation
    await w.clock.tickAsync(7 * DAY)
    assert.equal((await w.history(keyId)).slice(4).map((e) => `${e.type} ${e.at}`), ['VersionRotated 2026-01-22T11:00:00.000Z'])
  } finally {
    await w.close()
  }
})

test('API §5.4 a key pending deletion is Suspended; cancelled while overdue it rotates at the next run', async () => {
  const w = world('2026-01-05T10:00:00.000Z')
  try {
    const keyId = await w.createKey(7)
    await w.start({ schedules: hourly })
    await w.clock.tickAsync(DAY)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 30 }))
    await w.clock.tickAsync(9 * DAY)
    await w.exec(keyId, (now) => ({ type: 'CancelKeyDeletion', now }))
    await w.clock.tickAsync(HOUR)
    assert.equal((await w.history(keyId)).map((e) => `${e.type} ${e.at}`), [
      'KeyCreated 2026-01-05T10:00:00.000Z', 'DeletionScheduled 2026-01-06T10:00:00.000Z', 'DeletionCancelled 2026-01-15T10:00:00.000Z',
      'VersionRotated 2026-01-15T11:00:00.000Z'])
  } finally {
    await w.close()
  }
})

test('API §5.4 an interval shortened so that the next rotation date is past rotates at the next run', async () => {
  const w = world('2026-01-05T10:00:00.000Z')
  try {
    const keyId = await w.createKey(30)
    w.jumpTo('2026-01-15T09:58:00.000Z')
    await w.start()
    await w.clock.tickAsync(2 * MINUTE + 30_000) // 10:00:30: not due under 30 days
    assert.equal((await w.history(keyId)).map((e) => e.type), ['KeyCreated'])
    await w.exec(keyId, (now) => ({ type: 'UpdateRotationPolicy', now, enable: true, intervalSeconds: 7 * 86_400 }))
    await w.clock.tickAsync(30_000)
    const history = await w.history(keyId)
    assert.equal(history.map((e) => `${e.type} ${e.at}`), [
      'KeyCreated 2026-01-05T10:00:00.000Z', 'RotationPolicyUpdated 2026-01-15T10:00:30.000Z', 'VersionRotated 2026-01-15T10:01:00.000Z'])
  } finally {
    await w.close()
  }
})

test('a key with automatic rotation off never rotates', async () => {
  const w = world('2026-01-05T10:00:00.000Z')
  try {
    const keyId = await w.createKey(null)
    await w.start({ schedules: hourly })
    await w.clock.tickAsync(400 * DAY)
    assert.equal((await w.history(keyId)).map((e) => e.type), ['KeyCreated'])
  } finally {
    await w.close()
  }
})

test.run()
