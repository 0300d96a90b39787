import * as E from 'fp-ts/lib/Either.js';
import { GENESIS_HASH, sealEvents } from "../../domain/events/hash-chain.js";
import { DuplicateEventId, expectedRevisionHolds, LiveFeed, matchesPrefixes, retryAt } from "./shared.js";
/** The event store in memory: fast unit specs, and the reference behaviour the contract suite describes. */
export class MemoryEventStore {
    log = [];
    streams = new Map();
    byEventId = new Map();
    feed;
    closed = false;
    constructor(options = {}) {
        this.feed = new LiveFeed(0, options.onSubscriptionError);
    }
    async append(streamId, expected, events) {
        this.assertOpen();
        const stream = this.streams.get(streamId) ?? [];
        const found = events[0] && this.byEventId.get(events[0].eventId);
        const retry = found?.streamId === streamId ? retryAt(stream.slice(found.revision), expected, events) : undefined;
        if (retry)
            return E.right(retry);
        const actual = stream.length - 1;
        if (!expectedRevisionHolds(expected, actual))
            return E.left({ kind: 'WrongExpectedRevision', streamId, expected, actual });
        const ids = new Set();
        for (const e of events) {
            if (this.byEventId.has(e.eventId) || ids.has(e.eventId))
                throw new DuplicateEventId(e.eventId, streamId);
            ids.add(e.eventId);
        }
        const prevHash = stream.length ? stream[stream.length - 1].metadata.hash : GENESIS_HASH;
        // Stored as its JSON copy, frozen: what a durable store would give back, and no caller can edit history
        // by mutating an object it appended or read. Serialising first also keeps a failing batch all-or-nothing.
        const recorded = sealEvents(streamId, stream.length, prevHash, events).map((e, i) => deepFreeze(JSON.parse(JSON.stringify({ ...e, streamId, revision: stream.length + i, position: this.log.length + 1 + i }))));
        for (const r of recorded) {
            stream.push(r);
            this.log.push(r);
            this.byEventId.set(r.eventId, r);
        }
        this.streams.set(streamId, stream);
        this.feed.notify();
        return E.right({ lastRevision: stream.length - 1, position: stream[stream.length - 1]?.position ?? 0 });
    }
    async readStream(streamId, fromRevision = 0, limit) {
        this.assertOpen();
        const from = Math.max(0, fromRevision);
        return (this.streams.get(streamId) ?? []).slice(from, limit === undefined ? undefined : from + Math.max(0, limit));
    }
    async readAll(options = {}) {
        this.assertOpen();
        const out = [];
        const limit = options.limit ?? Infinity;
        for (let i = Math.max(0, options.after ?? 0); i < this.log.length && out.length < limit; i++) {
            const e = this.log[i];
            if (matchesPrefixes(e.streamId, options.streamPrefixes))
                out.push(e);
        }
        return out;
    }
    subscribeAll(options, handler) {
        return this.feed.subscribe(options, (o) => this.readAll(o), handler, () => this.headPosition());
    }
    async headPosition() {
        this.assertOpen();
        return this.log.length;
    }
    async close() {
        await this.feed.close(); // first, so no subscriber reads a closed store
        this.closed = true;
    }
    assertOpen() {
        if (this.closed)
            throw new Error('the event store is closed');
    }
}
const deepFreeze = (value) => {
    if (value !== null && typeof value === 'object') {
        for (const v of Object.values(value))
            deepFreeze(v);
        Object.freeze(value);
    }
    return value;
};
