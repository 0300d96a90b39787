// S-10.3: the last call time is shown only for calls within the last 365 days of the moment asked; an older
// call shows no time. "Never called" needs care: a key created before tracking began may have been called
// before it, so the answer is "no record since tracking began", not "unused".

export const LAST_CALL_WINDOW_DAYS = 365
const DAY_MS = 86_400_000

export type UsageStatus =
  /** Called within the last 365 days. */
  | 'InUse'
  /** Called, but not within the last 365 days (S-10.3). */
  | 'NoCallWithin365Days'
  /** Tracked since its creation and never called. */
  | 'Unused'
  /** No call recorded, and the key predates tracking (or the store has no record of the key at all). */
  | 'NoRecordSinceTrackingBegan'

export const STATUS_TEXT: Readonly<Record<UsageStatus, string>> = {
  InUse: 'in use',
  NoCallWithin365Days: 'no call within 365 days',
  Unused: 'unused',
  NoRecordSinceTrackingBegan: 'no record since tracking began',
}

/** The time to show for a call, or null when it is older than the window (S-10.3) or lies after `now`. */
export const shownLastCall = (lastCallAt: string | null, now: Date): string | null => {
  if (!lastCallAt) return null
  const t = Date.parse(lastCallAt)
  const n = now.getTime()
  return t <= n && n - t <= LAST_CALL_WINDOW_DAYS * DAY_MS ? lastCallAt : null
}

export interface UsageFacts {
  /** When the key was created, null when the usage view never saw its creation. */
  readonly createdAt: string | null
  /** The last call at or before `now`, if any. */
  readonly lastCallAt: string | null
  /** When tracking began: the first recorded call in the store (or a configured instant). */
  readonly trackingSince: string | null
}

export const usageStatus = (f: UsageFacts, now: Date): UsageStatus => {
  if (f.lastCallAt && Date.parse(f.lastCallAt) <= now.getTime())
    return shownLastCall(f.lastCallAt, now) ? 'InUse' : 'NoCallWithin365Days'
  if (f.createdAt === null) return 'NoRecordSinceTrackingBegan'
  if (f.trackingSince !== null && Date.parse(f.createdAt) < Date.parse(f.trackingSince)) return 'NoRecordSinceTrackingBegan'
  return 'Unused'
}
