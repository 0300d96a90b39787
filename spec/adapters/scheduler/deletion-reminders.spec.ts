import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { startScheduler } from '../../../composition/scheduler.ts'
import { HOUR, latentStore, MINUTE, world } from '../../support/scheduler-world.ts'

// Issue 17, item 3: "a reminder event before a scheduled deletion (configurable, e.g. 7 days and 1 day before)".
// The scheduler's pending-deletions job (deleteExpiredPendingKeys) records DeletionReminded on the key's stream (docs/key-events.md
// "Deletion reminders"), under the fake clock node-cron and the scheduler both read (spec/support/scheduler-world.ts).

const reminders = async (w: ReturnType<typeof world>, keyId: string) =>
  (await w.history(keyId)).filter((e) => e.type === 'DeletionReminded').map((e) => `${e.data['lead'] as string} ${e.at}`)

test('given a deletion 8 days ahead and the default lead times, when the 7-day mark comes, then one DeletionReminded P7D at the mark, not a minute before, by the scheduler, once', async () => {
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 8 })) // deletes 2026-01-13T09:20
    w.jumpTo('2026-01-06T09:00:00.000Z')
    await w.start() // no deletionReminders given: P7D and P1D
    await w.clock.tickAsync(19 * MINUTE)
    assert.equal(await reminders(w, keyId), [])
    await w.clock.tickAsync(MINUTE)
    assert.equal(await reminders(w, keyId), ['P7D 2026-01-06T09:20:00.000Z'])
    const event = (await w.history(keyId)).find((e) => e.type === 'DeletionReminded')!
    assert.equal(event.data, { keyId, deleteDate: '2026-01-13T09:20:00.000Z', lead: 'P7D', leadSeconds: 604_800, remindedAt: '2026-01-06T09:20:00.000Z' })
    assert.match(event.principal, /service\/keyledger-scheduler$/)
    await w.clock.tickAsync(HOUR)
    assert.equal(await reminders(w, keyId), ['P7D 2026-01-06T09:20:00.000Z'], 'the next runs record nothing more')
    const run = w.lines.find((l) => l['job'] === 'deleteExpiredPendingKeys' && Array.isArray(l['done']) && (l['done'] as unknown[]).length > 0)
    assert.equal(run?.['done'], [{ keyId, what: 'reminded: deletion in P7D' }])
  } finally {
    await w.close()
  }
})

test('given a scheduler that starts 12 hours before a deletion (both marks passed), then only the 1-day reminder, then the deletion at its date', async () => {
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 8 }))
    w.jumpTo('2026-01-12T21:20:00.000Z')
    await w.start()
    await w.clock.tickAsync(12 * HOUR)
    assert.equal(await reminders(w, keyId), ['P1D 2026-01-12T21:21:00.000Z'])
    assert.equal((await w.history(keyId)).map((e) => e.type), ['KeyCreated', 'DeletionScheduled', 'DeletionReminded', 'KeyDeleted'])
  } finally {
    await w.close()
  }
})

test('given configured lead times PT2H and PT30M, then the reminders come at those marks; given [], then none', async () => {
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 })) // deletes 2026-01-12T09:20
    w.jumpTo('2026-01-12T07:00:00.000Z')
    await w.start({ deletionReminders: ['PT2H', 'pt30m'] })
    await w.clock.tickAsync(2 * HOUR + MINUTE)
    assert.equal(await reminders(w, keyId), ['PT2H 2026-01-12T07:20:00.000Z', 'PT30M 2026-01-12T08:50:00.000Z'])
  } finally {
    await w.close()
  }
  const off = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await off.createKey(null)
    await off.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 }))
    off.jumpTo('2026-01-11T09:00:00.000Z')
    await off.start({ deletionReminders: [] })
    await off.clock.tickAsync(HOUR)
    assert.equal(await reminders(off, keyId), [])
  } finally {
    await off.close()
  }
})

test('given two schedulers on one store, when the mark comes, then one reminder', async () => {
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 8 }))
    w.jumpTo('2026-01-06T09:10:00.000Z')
    await w.start({ store: latentStore(w.store) })
    await w.start({ store: latentStore(w.store) })
    await w.clock.tickAsync(20 * MINUTE + 30_000) // the latent runs finish within the half minute
    assert.is((await reminders(w, keyId)).length, 1)
  } finally {
    await w.close()
  }
})

test('given a lead time that is not a fixed-length ISO 8601 duration, then the scheduler does not start and names it', async () => {
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const r = await startScheduler({ store: w.store, ids: { keyId: () => 'k', versionId: () => 'v', requestId: () => 'r', eventId: () => 'e' }, log: { debug() {}, info() {}, warn() {}, error() {} }, dataDir: w.dataDir, deletionReminders: ['P1M'] })
    assert.ok(E.isLeft(r))
    if (E.isLeft(r)) assert.match(r.left.message, /scheduler\.deletionReminders|P1M/)
  } finally {
    await w.close()
  }
})

test.run()
