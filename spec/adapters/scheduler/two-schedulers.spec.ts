import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { aliasStreamId } from '../../../domain/alias/alias.ts'
import { ACCOUNT, at, DAY, HOUR, latentStore, MINUTE, REGION, right, userCtx, world } from '../../support/scheduler-world.ts'

// The latent connections move the clock by a millisecond per call: times are asserted to the minute (the cron's
// granularity) and within a second of it.
const toMinute = (iso: string): string => iso.slice(0, 16)
const withinASecond = (actual: string[], expected: string[]) => {
  assert.equal(actual.map(toMinute), expected.map(toMinute))
  actual.forEach((a, i) => assert.ok(Date.parse(a) - Date.parse(expected[i]!) < 1000, `${a} is within a second of ${expected[i]}`))
}


// Several nodes run the scheduler (docs/architecture.md §9): no lock, no leader. Each run acts through `decide`, which makes
// an automatic rotation that is not due, a DeleteKey on a deleted key and an expiry that has not come no-ops, and
// the store's expected revision makes the loser of a race decide again on the winner's events.

test('two schedulers on one store rotate once per period and delete once', async () => {
  // given a key pending deletion whose window ends at 10:00, with an alias, and a key rotating every 7 "days"
  // counted in minutes (KMS_ROTATION_UNIT=minute, tests and demos only)
  const w = world('2026-01-05T10:00:00.000Z')
  try {
    const doomed = await w.createKey(null)
    right(await w.keys.alias({ type: 'CreateAlias', alias: 'alias/doomed', keyId: doomed, accountId: ACCOUNT, region: REGION }, userCtx()))
    await w.exec(doomed, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 }))
    w.jumpTo('2026-01-12T09:30:00.000Z')
    const rotating = await w.createKey(7)
    // when two schedulers run side by side, sharing the store, the clock and the data dir, for 30 periods
    // (each through its own latent connection, so that their runs interleave as two processes' would)
    const a = await w.start({ rotationUnit: 'minute', store: latentStore(w.store) })
    const b = await w.start({ rotationUnit: 'minute', store: latentStore(w.store) })
    await w.clock.tickAsync(30 * 7 * MINUTE + 30_000)
    // then exactly one VersionRotated per period, each at LastRotationDate + 7 minutes
    const rotations = (await w.history(rotating)).filter((e) => e.type === 'VersionRotated')
    withinASecond(rotations.map((e) => e.at), Array.from({ length: 30 }, (_, i) => at('2026-01-12T09:37:00.000Z', i * 7 * MINUTE)))
    assert.is(new Set(rotations.map((e) => e.data.versionId)).size, 30)
    // and one KeyDeleted, at the window's end, and one release of the alias
    const doomedHistory = await w.history(doomed)
    // (and one 1-day deletion reminder, recorded once by the two: docs/key-events.md "Deletion reminders")
    assert.equal(doomedHistory.map((e) => e.type), ['KeyCreated', 'DeletionScheduled', 'DeletionReminded', 'KeyDeleted'])
    withinASecond([doomedHistory[3]!.at], ['2026-01-12T10:00:00.000Z'])
    assert.equal((await w.store.readStream(aliasStreamId(ACCOUNT, REGION, 'alias/doomed'))).map((e) => e.type), ['AliasCreated', 'AliasDeleted'])
    // and both really raced: each scheduler acted, and the loser's commands changed nothing
    const ranBy = (s: typeof a) => s.scheduler.status().jobs.find((j) => j.job === 'rotateDueKeys')!.runs
    assert.is(ranBy(a), 210) // every minute from 09:31 to 13:00
    assert.is(ranBy(b), 210)
    const runs = w.lines.filter((l) => l.job === 'rotateDueKeys' && typeof l.unchanged === 'number')
    const acted = runs.filter((l) => (l.done as unknown[]).length > 0).length
    const lost = runs.filter((l) => (l.unchanged as number) > 0).length
    assert.is(acted, 30)
    assert.ok(lost > 0, `the second scheduler saw due keys that the first had already rotated (${lost} runs)`)
    assert.ok(runs.every((l) => (l.failed as unknown[]).length === 0), 'no run failed')
  } finally {
    await w.close()
  }
})

test('two schedulers with real day units and an hourly run: 30 periods, 30 rotations', async () => {
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(7)
    const hourly = { rotateDueKeys: '0 * * * *', deleteExpiredPendingKeys: '0 0 * * *', expireImportedMaterial: '0 0 * * *' }
    await w.start({ schedules: hourly, store: latentStore(w.store) })
    await w.start({ schedules: hourly, store: latentStore(w.store) })
    await w.clock.tickAsync(30 * 7 * DAY + HOUR)
    const rotations = (await w.history(keyId)).filter((e) => e.type === 'VersionRotated')
    withinASecond(rotations.map((e) => e.at), Array.from({ length: 30 }, (_, i) => at('2026-01-12T10:00:00.000Z', i * 7 * DAY)))
  } finally {
    await w.close()
  }
})

test.run()
