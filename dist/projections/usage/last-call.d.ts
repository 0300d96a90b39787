export declare const LAST_CALL_WINDOW_DAYS = 365;
export type UsageStatus = 
/** Called within the last 365 days. */
'InUse'
/** Called, but not within the last 365 days (S-10.3). */
 | 'NoCallWithin365Days'
/** Tracked since its creation and never called. */
 | 'Unused'
/** No call recorded, and the key predates tracking (or the store has no record of the key at all). */
 | 'NoRecordSinceTrackingBegan';
export declare const STATUS_TEXT: Readonly<Record<UsageStatus, string>>;
/** The time to show for a call, or null when it is older than the window (S-10.3) or lies after `now`. */
export declare const shownLastCall: (lastCallAt: string | null, now: Date) => string | null;
export interface UsageFacts {
    /** When the key was created, null when the usage view never saw its creation. */
    readonly createdAt: string | null;
    /** The last call at or before `now`, if any. */
    readonly lastCallAt: string | null;
    /** When tracking began: the first recorded call in the store (or a configured instant). */
    readonly trackingSince: string | null;
}
export declare const usageStatus: (f: UsageFacts, now: Date) => UsageStatus;
