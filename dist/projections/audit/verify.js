import { GENESIS_HASH, hashEvent } from "../../domain/events/hash-chain.js";
/** The first break of one stream's chain; `events` in the order the store returns them. */
export const verifyStream = (streamId, events, anchor) => {
    const seen = new Set();
    let prev;
    let prevPrevHash;
    for (const [i, e] of events.entries()) {
        const expected = prev ? prev.revision + 1 : 0;
        const at = { streamId, revision: e.revision, position: e.position };
        if (seen.has(e.revision))
            return { ...at, kind: 'inserted', detail: `a second event claims revision ${e.revision}` };
        if (e.revision < expected)
            return { ...at, kind: 'reordered', detail: `revision ${e.revision} comes after ${prev.revision}` };
        if (e.revision > expected) {
            const later = events.slice(i + 1).some((x) => x.revision === expected);
            return later
                ? { ...at, kind: 'reordered', detail: `revision ${expected} comes after ${e.revision}` }
                : { ...at, kind: 'removed', detail: `revisions ${expected}..${e.revision - 1} are missing before it` };
        }
        if (hashEvent(e) !== e.metadata.hash)
            return { ...at, kind: 'altered', detail: 'its content no longer matches its hash' };
        const wanted = prev ? prev.metadata.hash : GENESIS_HASH;
        if (e.metadata.prevHash !== wanted) {
            // If it links to the event two back, the one between was slipped in.
            return prev && e.metadata.prevHash === prevPrevHash
                ? { streamId, revision: prev.revision, position: prev.position, kind: 'inserted', detail: 'the next event does not link to it' }
                : { ...at, kind: 'unlinked', detail: 'its prevHash does not name the event before it' };
        }
        seen.add(e.revision);
        prevPrevHash = prev?.metadata.hash ?? GENESIS_HASH;
        prev = e;
    }
    if (anchor) {
        const last = prev?.revision ?? -1;
        if (last < anchor.revision)
            return { streamId, revision: last + 1, position: null, kind: 'truncated', detail: `the anchor saw revision ${anchor.revision}; the store ends at ${last}` };
        const atAnchor = events.find((e) => e.revision === anchor.revision);
        if (atAnchor && atAnchor.metadata.hash !== anchor.hash)
            return { streamId, revision: anchor.revision, position: atAnchor.position, kind: 'altered', detail: 'the chain was recomputed: its hash differs from the anchor' };
    }
    return undefined;
};
/**
 * Verifies every stream in `events` (global order, as `readAll` gives them). With `anchors`, streams the
 * anchor knows must reach at least the anchored revision with the anchored hash.
 */
export const verifyChains = (events, anchors) => {
    const streams = new Map();
    for (const e of events) {
        const s = streams.get(e.streamId);
        if (s)
            s.push(e);
        else
            streams.set(e.streamId, [e]);
    }
    const breaks = [];
    for (const [id, evs] of streams) {
        const b = verifyStream(id, evs, anchors?.get(id));
        if (b)
            breaks.push(b);
    }
    for (const [id, head] of anchors ?? new Map()) {
        if (!streams.has(id))
            breaks.push({ streamId: id, revision: 0, position: null, kind: 'missing-stream', detail: `the anchor saw ${head.revision + 1} events; the store has none` });
    }
    return { streams: streams.size, events: events.length, anchored: anchors !== undefined, breaks };
};
