export { LiveFeed } from "./live-feed.js";
// Behaviour every store adapter shares, so that each passes the contract suite the same way.
export const expectedRevisionHolds = (expected, actual) => expected === 'any' ||
    (expected === 'no_stream' && actual === -1) ||
    (expected === 'stream_exists' && actual >= 0) ||
    expected === actual;
/**
 * An append whose event ids are already the stream's events right after the expected revision is a client
 * retrying after a lost acknowledgement: answer as the first time, write nothing. `stream` is the whole stream.
 */
export const idempotentRetry = (stream, expected, events) => {
    const at = events.length ? stream.findIndex((e) => e.eventId === events[0].eventId) : -1;
    return at < 0 ? undefined : retryAt(stream.slice(at, at + events.length), expected, events);
};
/**
 * The same check when the store has already found where the first event id sits: `written` holds the stream's
 * events from that revision on (at least `events.length` of them when present).
 */
export const retryAt = (written, expected, events) => {
    const first = written[0];
    if (events.length === 0 || first === undefined || first.eventId !== events[0].eventId)
        return undefined;
    if (typeof expected === 'number' && first.revision !== expected + 1)
        return undefined;
    if (expected === 'no_stream' && first.revision !== 0)
        return undefined;
    const same = written.slice(0, events.length);
    if (same.length !== events.length || same.some((e, i) => e.eventId !== events[i].eventId))
        return undefined;
    const last = same[same.length - 1];
    return { lastRevision: last.revision, position: last.position };
};
/** Event ids are unique in the whole store (the SQLite schema enforces it): reusing one elsewhere is a bug upstream. */
export class DuplicateEventId extends Error {
    eventId;
    streamId;
    constructor(eventId, streamId) {
        super(`event id ${eventId} is already in the store and this append to ${streamId} is not a retry of it`);
        this.eventId = eventId;
        this.streamId = streamId;
        this.name = 'DuplicateEventId';
    }
}
export const matchesPrefixes = (streamId, prefixes) => !prefixes || prefixes.length === 0 || prefixes.some((p) => streamId.startsWith(p));
