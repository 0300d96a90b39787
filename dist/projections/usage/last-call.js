// S-10.3: the last call time is shown only for calls within the last 365 days of the moment asked; an older
// call shows no time. "Never called" needs care: a key created before tracking began may have been called
// before it, so the answer is "no record since tracking began", not "unused".
export const LAST_CALL_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;
export const STATUS_TEXT = {
    InUse: 'in use',
    NoCallWithin365Days: 'no call within 365 days',
    Unused: 'unused',
    NoRecordSinceTrackingBegan: 'no record since tracking began',
};
/** The time to show for a call, or null when it is older than the window (S-10.3) or lies after `now`. */
export const shownLastCall = (lastCallAt, now) => {
    if (!lastCallAt)
        return null;
    const t = Date.parse(lastCallAt);
    const n = now.getTime();
    return t <= n && n - t <= LAST_CALL_WINDOW_DAYS * DAY_MS ? lastCallAt : null;
};
export const usageStatus = (f, now) => {
    if (f.lastCallAt && Date.parse(f.lastCallAt) <= now.getTime())
        return shownLastCall(f.lastCallAt, now) ? 'InUse' : 'NoCallWithin365Days';
    if (f.createdAt === null)
        return 'NoRecordSinceTrackingBegan';
    if (f.trackingSince !== null && Date.parse(f.createdAt) < Date.parse(f.trackingSince))
        return 'NoRecordSinceTrackingBegan';
    return 'Unused';
};
