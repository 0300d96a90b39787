import type { LeadTime } from '../values/lead-time.ts'
import type { KeyState } from './state.ts'

// Deletion reminders (docs/key-events.md "Deletion reminders"): before a scheduled deletion, at each configured
// lead time (7 days and 1 day before by default), the key's stream records DeletionReminded, so every reader of
// the store — the public feed, a replay, another node — sees the same reminders. The rule, pure, shared by
// `decide` (which records at most one per lead and pending deletion) and the scheduler's view (which finds the
// keys to ask about):
// - a lead counts only if the deletion was scheduled more than that lead ahead (a 7-day window gets no 7-day
//   reminder: DeletionScheduled itself said so);
// - once its time has come and before the deletion, the most urgent lead due is recorded (a scheduler that was
//   down for the 7-day reminder and back 12 hours before the deletion sends the 1-day one, not a stale 7-day one);
// - a lead at or above one already recorded for this pending deletion is never recorded again.

export type ReminderFacts = Pick<KeyState, 'status' | 'deleteDate' | 'deletionScheduledAt' | 'deletionRemindedLeadSeconds'>

/** The reminder due now for a key pending deletion, or undefined. */
export const dueReminder = (k: ReminderFacts, leads: readonly LeadTime[], now: Date): LeadTime | undefined => {
  if (k.status !== 'PendingDeletion' || k.deleteDate === null || k.deletionScheduledAt === null) return undefined
  const deleteAt = Date.parse(k.deleteDate)
  const scheduledAt = Date.parse(k.deletionScheduledAt)
  const t = now.getTime()
  if (t >= deleteAt) return undefined
  let due: LeadTime | undefined
  for (const l of leads) {
    const remindAt = deleteAt - l.seconds * 1000
    if (remindAt <= scheduledAt || t < remindAt) continue
    if (k.deletionRemindedLeadSeconds !== null && l.seconds >= k.deletionRemindedLeadSeconds) continue
    if (due === undefined || l.seconds < due.seconds) due = l
  }
  return due
}
