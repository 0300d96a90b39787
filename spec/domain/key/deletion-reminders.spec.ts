import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { parseLeadTime, type LeadTime } from '../../../domain/values/lead-time.ts'
import { created, daysAfter, given, KEY_ID, T0 } from '../../support/key-given.ts'

// Issue 17, item 3: "a reminder event before a scheduled deletion (configurable, e.g. 7 days and 1 day before)".
// RemindDeletion records DeletionReminded on the key's stream at most once per lead time and pending deletion
// (domain/key/deletion-reminders.ts; docs/key-events.md "Deletion reminders").

const lead = (text: string): LeadTime => {
  const l = parseLeadTime(text)
  if (E.isLeft(l)) throw new Error(l.left.message)
  return l.right
}
const LEADS = [lead('P7D'), lead('P1D')]
const HOUR = 1 / 24
const schedule30 = { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 30 } as const
const remind = (days: number) => ({ type: 'RemindDeletion', now: daysAfter(T0, days), leads: LEADS }) as const

test('given a deletion in 30 days, when reminded before the 7-day mark, then nothing; at the mark, then DeletionReminded P7D with the deletion date', () => {
  given(created(), schedule30).when(remind(23 - HOUR)).thenEvents()
  const at = given(created(), schedule30).when(remind(23)).thenEvents('DeletionReminded')
  assert.equal(at.events()[0]!.data, { keyId: KEY_ID, deleteDate: daysAfter(T0, 30), lead: 'P7D', leadSeconds: 7 * 86_400, remindedAt: daysAfter(T0, 23) })
})

test('given the 7-day reminder recorded, when reminded again before the 1-day mark, then nothing (once per lead); at the 1-day mark, then P1D; then nothing more', () => {
  given(created(), schedule30, remind(23)).when(remind(25)).thenEvents()
  given(created(), schedule30, remind(23)).when(remind(29)).thenEvents('DeletionReminded')
    .thenState((s) => assert.is(s.deletionRemindedLeadSeconds, 86_400))
  given(created(), schedule30, remind(23), remind(29)).when(remind(29.5)).thenEvents()
})

test('given a scheduler back only 12 hours before the deletion, when it reminds, then only the 1-day reminder, never a late 7-day one', () => {
  const r = given(created(), schedule30).when(remind(29.5)).thenEvents('DeletionReminded')
  assert.is((r.events()[0]!.data as { lead: string }).lead, 'P1D')
  given(created(), schedule30, remind(29.5)).when(remind(29.6)).thenEvents()
})

test('given a 7-day window, then no 7-day reminder (DeletionScheduled said it), the 1-day one at its mark', () => {
  const schedule7 = { type: 'ScheduleKeyDeletion', now: T0, pendingWindowInDays: 7 } as const
  given(created(), schedule7).when(remind(0)).thenEvents()
  given(created(), schedule7).when(remind(5)).thenEvents()
  given(created(), schedule7).when(remind(6)).thenEvents('DeletionReminded')
})

test('given a cancelled deletion scheduled again, then its reminders are due again; a cancelled or deleted key is reminded of nothing', () => {
  const cancel = { type: 'CancelKeyDeletion', now: daysAfter(T0, 24) } as const
  const again = { type: 'ScheduleKeyDeletion', now: daysAfter(T0, 25), pendingWindowInDays: 30 } as const
  given(created(), schedule30, remind(23), cancel).when(remind(24.5)).thenEvents()
  given(created(), schedule30, remind(23), cancel, again).when(remind(48)).thenEvents('DeletionReminded')
  given(created(), schedule30, { type: 'DeleteKey', now: daysAfter(T0, 30) }).when(remind(31)).thenEvents()
  given(created(), schedule30).when(remind(30)).thenEvents() // at the deletion: too late to remind
  given().when(remind(1)).thenRejects('Forbidden.KeyNotFound')
})

test('lead times: ISO 8601 durations of fixed length; months, years, nothing and junk are refused', () => {
  assert.equal([lead('P7D'), lead('p1d'), lead('PT12H'), lead('P1W'), lead('P1DT6H'), lead('PT90S')].map((l) => [l.lead, l.seconds]),
    [['P7D', 604_800], ['P1D', 86_400], ['PT12H', 43_200], ['P1W', 604_800], ['P1DT6H', 108_000], ['PT90S', 90]])
  for (const bad of ['P1M', 'P1Y', 'P', 'PT', 'P0D', '7d', '', 'P1DT', '__proto__'])
    assert.ok(E.isLeft(parseLeadTime(bad)), bad)
})

test.run()
