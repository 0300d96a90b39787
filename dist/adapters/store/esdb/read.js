import { BACKWARDS, END, FORWARDS, StreamNotFoundError } from '@eventstore/db-client';
import { matchesPrefixes } from "../shared.js";
import { isHiddenEvent, toRecordedEvent } from "./events.js";
import { reportedPosition, SharedCommitPosition, toEsdbPosition, toPortPosition } from "./positions.js";
/** `$all` is read in pages so that a client-side filter with a limit stops early (6.2.1's readAll has no filter). */
export const ALL_PAGE = 500;
/** Events of one stream from `fromRevision` (inclusive), at most `maxCount`, forwards or backwards from the end. */
export const readStreamEvents = async (client, streamId, options) => {
    const read = client.readStream(streamId, {
        direction: options.backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.backwards ? END : BigInt(options.fromRevision ?? 0),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    const out = [];
    try {
        for await (const resolved of read)
            out.push(toRecordedEvent(resolved));
    }
    catch (err) {
        if (err instanceof StreamNotFoundError)
            return [];
        throw err;
    }
    return out;
};
/**
 * Non-system events of `$all` strictly after `after`, filtered by stream prefix on this side. Reading forwards
 * from a position may or may not include the event at it (UNVERIFIED on a real server): events at or before
 * `after` are dropped, so both readings give the same answer.
 */
export const readAllEvents = async (client, options) => {
    const limit = options.limit ?? Infinity;
    const out = [];
    let after = BigInt(options.after ?? 0);
    for (;;) {
        let received = 0;
        let previous = -1n;
        const page = client.readAll({ fromPosition: toEsdbPosition(toPortPosition(after)), maxCount: ALL_PAGE, direction: FORWARDS });
        for await (const resolved of page) {
            received++;
            const e = resolved.event;
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the client leaves position undefined on some events (links), whatever its typings say
            const position = reportedPosition(resolved.commitPosition, e?.position?.commit);
            if (!e || position === undefined || position <= after)
                continue;
            if (position === previous)
                throw new SharedCommitPosition(position);
            previous = position;
            if (isHiddenEvent(e.streamId, e.type) || !matchesPrefixes(e.streamId, options.streamPrefixes))
                continue;
            out.push(toRecordedEvent(resolved));
            if (out.length >= limit) {
                await page.cancel();
                return out;
            }
        }
        if (received < ALL_PAGE || previous < 0n)
            return out;
        after = previous;
    }
};
/** The commit position of the last non-system event: trailing `$stats`/`$metadata` records do not count. */
export const lastUserPosition = async (client) => {
    let from;
    for (;;) {
        let received = 0;
        const page = client.readAll({ fromPosition: from === undefined ? END : { commit: from, prepare: from }, maxCount: ALL_PAGE, direction: BACKWARDS });
        for await (const resolved of page) {
            received++;
            const e = resolved.event;
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the client leaves position undefined on some events (links), whatever its typings say
            const position = reportedPosition(resolved.commitPosition, e?.position?.commit);
            if (!e || position === undefined)
                continue;
            if (!isHiddenEvent(e.streamId, e.type)) {
                await page.cancel();
                return toPortPosition(position);
            }
            from = position;
        }
        if (received < ALL_PAGE)
            return 0;
    }
};
