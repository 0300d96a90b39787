import * as E from 'fp-ts/lib/Either.js';
import { GENESIS_HASH, sealEvents } from "../../../domain/events/hash-chain.js";
import { DuplicateEventId, expectedRevisionHolds, retryAt } from "../shared.js";
/**
 * One append inside the group's transaction (the write lock is held, so what it reads cannot change under it).
 * Returns `wrote` so the caller knows whether subscribers have something new. Throws on a failure of this append
 * alone (unserialisable data, reused event id); the caller rolls back to its savepoint.
 */
export const writeAppend = (st, { streamId, expected, events }) => {
    const retry = findRetry(st, streamId, expected, events);
    if (retry)
        return { outcome: E.right(retry), wrote: false };
    const head = st.streamHead.get(streamId);
    const actual = head?.revision ?? -1;
    const conflict = () => E.left({ kind: 'WrongExpectedRevision', streamId, expected, actual });
    if (!expectedRevisionHolds(expected, actual))
        return { outcome: conflict(), wrote: false };
    if (events.length === 0)
        return { outcome: E.right({ lastRevision: actual, position: head?.position ?? 0 }), wrote: false };
    if (head && typeof head.hash !== 'string')
        throw new Error(`${streamId}@${head.revision} has no hash: the stream's chain is broken`);
    // Serialise the whole batch before the first insert, so most failures write nothing at all.
    const sealed = sealEvents(streamId, actual + 1, head?.hash ?? GENESIS_HASH, events);
    const rows = sealed.map((e, i) => ({
        streamId, revision: actual + 1 + i, eventId: e.eventId, type: e.type, data: json(e.data, 'data'), metadata: json(e.metadata, 'metadata'),
    }));
    let position = 0;
    const leaves = [];
    for (const [i, r] of rows.entries()) {
        try {
            position = Number(st.insert.run(r.streamId, r.revision, r.eventId, r.type, r.data, r.metadata).lastInsertRowid);
            leaves.push({ position, streamId, revision: r.revision, hash: sealed[i].metadata.hash });
        }
        catch (e) {
            // UNIQUE(stream_id, stream_revision) is the backstop of the expected-revision check above.
            if (isUnique(e, 'events.stream_revision'))
                return { outcome: conflict(), wrote: false };
            if (isUnique(e, 'events.event_id'))
                throw new DuplicateEventId(r.eventId, streamId);
            throw e;
        }
    }
    // In the same savepoint as the rows: the tree holds exactly the acknowledged events (docs/verifiable-log.md).
    st.tree.append(leaves);
    return { outcome: E.right({ lastRevision: actual + rows.length, position }), wrote: true };
};
const findRetry = (st, streamId, expected, events) => {
    const first = events[0];
    const place = first && st.eventPlace.get(first.eventId);
    if (!place || place.streamId !== streamId)
        return undefined;
    return retryAt(st.placedFrom.all(streamId, place.revision, events.length), expected, events);
};
const json = (value, field) => {
    const text = JSON.stringify(value);
    if (typeof text !== 'string')
        throw new TypeError(`event ${field} is not JSON-serialisable`);
    return text;
};
const isUnique = (e, column) => e instanceof Error && e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes(column);
