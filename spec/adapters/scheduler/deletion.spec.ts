import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { aliasStreamId } from '../../../domain/alias/alias.ts'
import { ACCOUNT, DAY, MINUTE, REGION, SCHEDULER_PRINCIPAL, right, userCtx, world, type World } from '../../support/scheduler-world.ts'

const createAlias = async (w: World, alias: string, keyId: string) =>
  right(await w.keys.alias({ type: 'CreateAlias', alias, keyId, accountId: ACCOUNT, region: REGION }, userCtx()))

const aliasHistory = async (w: World, alias: string) =>
  (await w.store.readStream(aliasStreamId(ACCOUNT, REGION, alias))).map((e) => `${e.type} ${(e.data as { keyId: string }).keyId} ${e.metadata.occurredAt}`)

test('S-8.1 a key is deleted when its pending window ends, not a minute before, and its aliases are released', async () => {
  // given a key with two aliases, scheduled for deletion with a 7-day window at 09:20
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    const other = await w.createKey(null)
    await createAlias(w, 'alias/app', keyId)
    await createAlias(w, 'alias/app-backup', keyId)
    await createAlias(w, 'alias/other', other)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 }))
    w.jumpTo('2026-01-11T09:20:00.000Z') // a day before the window ends
    await w.start()
    // when the clock reaches one minute before the end: nothing
    await w.clock.tickAsync(DAY - MINUTE)
    // (the 1-day deletion reminder came at the first run, docs/key-events.md "Deletion reminders"; no deletion)
    assert.equal((await w.history(keyId)).map((e) => e.type), ['KeyCreated', 'DeletionScheduled', 'DeletionReminded'])
    assert.is(E.isRight(await w.keys.resolveAlias(ACCOUNT, REGION, 'alias/app')), true)
    // when it reaches the end: KeyDeleted at exactly deleteDate, by the scheduler
    await w.clock.tickAsync(MINUTE)
    const history = await w.history(keyId)
    assert.equal(history.map((e) => `${e.type} ${e.at}`), [
      'KeyCreated 2026-01-05T09:20:00.000Z', 'DeletionScheduled 2026-01-05T09:20:00.000Z',
      'DeletionReminded 2026-01-11T09:21:00.000Z', 'KeyDeleted 2026-01-12T09:20:00.000Z'])
    assert.is(history[3]!.principal, SCHEDULER_PRINCIPAL)
    // and its aliases are released in the same run; another key's alias is untouched
    assert.equal(await aliasHistory(w, 'alias/app'), [`AliasCreated ${keyId} 2026-01-05T09:20:00.000Z`, `AliasDeleted ${keyId} 2026-01-12T09:20:00.000Z`])
    assert.equal(await aliasHistory(w, 'alias/app-backup'), [`AliasCreated ${keyId} 2026-01-05T09:20:00.000Z`, `AliasDeleted ${keyId} 2026-01-12T09:20:00.000Z`])
    assert.equal(await aliasHistory(w, 'alias/other'), [`AliasCreated ${other} 2026-01-05T09:20:00.000Z`])
    const deletedAlias = await w.store.readStream(aliasStreamId(ACCOUNT, REGION, 'alias/app'))
    assert.is(deletedAlias[1]!.metadata.principal, SCHEDULER_PRINCIPAL)
    assert.is(deletedAlias[1]!.metadata.requestId, history[3]!.requestId, 'one run id for the deletion and its releases')
    // and the run is logged with what it did
    const run = w.lines.find((l) => l.job === 'deleteExpiredPendingKeys' && Array.isArray(l.done) && JSON.stringify(l.done).includes('deleted'))
    assert.equal(run?.done, [{ keyId, what: 'deleted; aliases released: alias/app, alias/app-backup' }])
    // and a later run does nothing more
    await w.clock.tickAsync(10 * MINUTE)
    assert.is((await w.history(keyId)).length, 4)
  } finally {
    await w.close()
  }
})

test('S-8.1 a cancelled deletion is not carried out', async () => {
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 }))
    w.jumpTo('2026-01-12T09:10:00.000Z')
    await w.start()
    await w.exec(keyId, (now) => ({ type: 'CancelKeyDeletion', now }))
    await w.clock.tickAsync(30 * MINUTE)
    assert.equal((await w.history(keyId)).map((e) => e.type), ['KeyCreated', 'DeletionScheduled', 'DeletionCancelled'])
  } finally {
    await w.close()
  }
})

test('a release never takes an alias that was re-created for another key meanwhile', async () => {
  // given a deleted key whose alias release did not happen (a run stopped between the two steps), and whose
  // second alias a user has since deleted and created again for another key
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    const other = await w.createKey(null)
    await createAlias(w, 'alias/left-behind', keyId)
    await createAlias(w, 'alias/reused', keyId)
    await w.exec(keyId, (now) => ({ type: 'ScheduleKeyDeletion', now, pendingWindowInDays: 7 }))
    w.jumpTo('2026-01-12T09:20:00.000Z')
    right(await w.keys.execute(keyId, { type: 'DeleteKey', now: new Date().toISOString() }, userCtx())) // deleted, aliases not released
    right(await w.keys.alias({ type: 'DeleteAlias', alias: 'alias/reused', accountId: ACCOUNT, region: REGION }, userCtx()))
    await createAlias(w, 'alias/reused', other)
    // when the scheduler runs
    await w.start()
    await w.clock.tickAsync(MINUTE)
    // then the alias left behind is released, the re-created one is kept
    assert.is((await aliasHistory(w, 'alias/left-behind')).at(-1), `AliasDeleted ${keyId} 2026-01-12T09:21:00.000Z`)
    assert.is(right(await w.keys.resolveAlias(ACCOUNT, REGION, 'alias/reused')), other)
    assert.is((await w.history(keyId)).filter((e) => e.type === 'KeyDeleted').length, 1)
  } finally {
    await w.close()
  }
})

test('S-7.1 deletion protection cannot be on for a pending key, so the window end always deletes it', async () => {
  // The decider refuses protection for a key pending deletion (S-7.2); the scheduler therefore never meets a
  // protected key in its due list. A key protected before scheduling cannot be scheduled (S-7.1).
  const w = world('2026-01-05T09:20:00.000Z')
  try {
    const keyId = await w.createKey(null)
    await w.exec(keyId, (now) => ({ type: 'SetDeletionProtection', now, enable: true, description: 'prod' }))
    const refused = await w.keys.execute(keyId, { type: 'ScheduleKeyDeletion', now: new Date().toISOString(), pendingWindowInDays: 7 }, userCtx())
    assert.is(E.isLeft(refused) && refused.left.code, 'Rejected.DeletionProtection')
    w.jumpTo('2026-01-20T09:20:00.000Z')
    await w.start()
    await w.clock.tickAsync(5 * MINUTE)
    assert.equal((await w.history(keyId)).map((e) => e.type), ['KeyCreated', 'DeletionProtectionEnabled'])
  } finally {
    await w.close()
  }
})

test.run()
