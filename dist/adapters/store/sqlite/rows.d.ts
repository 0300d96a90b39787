import { type RecordedEvent } from '../../../domain/kernel/envelope.ts';
/** A row of the events table as SQLite returns it. */
export interface EventRow {
    readonly position: number;
    readonly stream_id: string;
    readonly stream_revision: number;
    readonly event_id: string;
    readonly type: string;
    readonly data: string;
    readonly metadata: string;
}
/** A stored event that cannot be read back: names where it is, so an operator can find it. Never holds its content. */
export declare class StoredEventUnreadable extends Error {
    readonly streamId: unknown;
    readonly revision: unknown;
    readonly position: unknown;
    readonly reason: string;
    name: string;
    constructor(streamId: unknown, revision: unknown, position: unknown, reason: string);
}
/** Rows come from a file anyone with access could have edited: check each field instead of trusting it. */
export declare const decodeRow: (row: EventRow) => RecordedEvent;
