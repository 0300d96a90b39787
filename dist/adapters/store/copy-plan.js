import { canonicalJson } from "../../domain/events/hash-chain.js";
/** Pages of `readAll` while copying: big enough for throughput, small enough to keep memory flat. */
export const COPY_PAGE = 500;
/** The copy cannot go on without overwriting or forking what the target holds. Nothing was written when it is thrown by the plan. */
export class CopyRefused extends Error {
    streamId;
    constructor(streamId, reason) {
        super(`refusing to copy ${streamId}: ${reason}`);
        this.streamId = streamId;
        this.name = 'CopyRefused';
    }
}
/** The same event: id, type, data and metadata (hash and prevHash included, so the same place in the same chain). */
export const sameEvent = (a, b) => a.streamId === b.streamId &&
    a.revision === b.revision &&
    a.eventId === b.eventId &&
    a.type === b.type &&
    canonicalJson(a.data) === canonicalJson(b.data) &&
    canonicalJson(a.metadata) === canonicalJson(b.metadata);
/**
 * Reads the source's stream inventory up to its head, then checks every one of those streams in the target: it
 * must be absent or an identical prefix of the source's stream (an earlier, interrupted copy). Anything else
 * refuses the whole copy before a single event is written.
 */
export const planCopy = async (source, target) => {
    const head = await source.headPosition();
    const lastRevisions = new Map();
    let total = 0;
    for (let after = 0; after < head;) {
        const page = await source.readAll({ after, limit: COPY_PAGE });
        for (const e of page) {
            if (e.position > head)
                break;
            lastRevisions.set(e.streamId, e.revision);
            total++;
        }
        if (page.length === 0)
            break;
        after = page.at(-1).position;
    }
    const streams = new Map();
    for (const [streamId, lastRevision] of lastRevisions) {
        const present = await targetPrefix(source, target, streamId);
        streams.set(streamId, { lastRevision, present: Math.min(present, lastRevision + 1) });
    }
    return { head, total, streams };
};
/** How many of the source stream's events the target holds, refusing anything but an identical prefix. */
const targetPrefix = async (source, target, streamId) => {
    const held = await target.readStream(streamId);
    if (held.length === 0)
        return 0;
    const original = await source.readStream(streamId);
    if (held.length > original.length)
        throw new CopyRefused(streamId, `the target holds ${held.length} events, the source only ${original.length}`);
    const differs = held.findIndex((e, i) => !sameEvent(e, original[i]));
    if (differs >= 0)
        throw new CopyRefused(streamId, `the target already holds different data at revision ${held[differs].revision} (event ${held[differs].eventId}); copy into an empty store`);
    return held.length;
};
