import { type EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts';
/** `$all` is read in pages so that a client-side filter with a limit stops early (6.2.1's readAll has no filter). */
export declare const ALL_PAGE = 500;
/** Events of one stream from `fromRevision` (inclusive), at most `maxCount`, forwards or backwards from the end. */
export declare const readStreamEvents: (client: EventStoreDBClient, streamId: string, options: {
    fromRevision?: number;
    maxCount?: number;
    backwards?: boolean;
}) => Promise<RecordedEvent[]>;
/**
 * Non-system events of `$all` strictly after `after`, filtered by stream prefix on this side. Reading forwards
 * from a position may or may not include the event at it (UNVERIFIED on a real server): events at or before
 * `after` are dropped, so both readings give the same answer.
 */
export declare const readAllEvents: (client: EventStoreDBClient, options: {
    after?: number;
    limit?: number;
    streamPrefixes?: readonly string[];
}) => Promise<RecordedEvent[]>;
/** The commit position of the last non-system event: trailing `$stats`/`$metadata` records do not count. */
export declare const lastUserPosition: (client: EventStoreDBClient) => Promise<number>;
