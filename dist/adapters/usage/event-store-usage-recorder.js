import * as E from 'fp-ts/lib/Either.js';
import { internalFailure } from "../../domain/errors.js";
import { keyUsageStreamId } from "../../domain/key/events.js";
import { toMetadata } from "../../domain/kernel/context.js";
import { schemaVersionOf } from "../../domain/kernel/upcast.js";
const MAX_BATCH = 500;
const MAX_ATTEMPTS = 8;
/** Idle streams whose last revision stays cached; a forgotten one costs one conflict and retry on its next call. */
export const DEFAULT_MAX_IDLE_STREAMS = 10_000;
/**
 * `ActionInvoked` onto `keyusage-<KeyId>` (docs/architecture.md §3), batched: calls that arrive while a stream's append is in
 * flight are written together by the next append, so a hot key costs a few appends (one fsync each with the
 * SQLite store) instead of one per call. Appends carry the expected revision from an in-memory cache of each
 * stream's last revision; on a conflict (another node, or a restart) the cache takes the store's actual revision
 * and the batch is retried. Each caller's promise settles only when its event is stored.
 */
export class EventStoreUsageRecorder {
    store;
    ids;
    /** By stream id, least recently used first; idle entries beyond `maxIdleStreams` are dropped. */
    streams = new Map();
    maxIdleStreams;
    anyRevision;
    constructor(store, ids, options = {}) {
        this.store = store;
        this.ids = ids;
        this.maxIdleStreams = Math.max(0, options.maxIdleStreams ?? DEFAULT_MAX_IDLE_STREAMS);
        this.anyRevision = options.anyRevision ?? false;
    }
    /** How many streams the recorder keeps state for now (for specs and operators). */
    get trackedStreams() {
        return this.streams.size;
    }
    record(ctx, record) {
        const streamId = keyUsageStreamId(record.keyId);
        const event = {
            eventId: this.ids.eventId(), type: 'ActionInvoked', data: record,
            metadata: { ...toMetadata(ctx), schemaVersion: schemaVersionOf('ActionInvoked') },
        };
        return new Promise((done) => {
            let q = this.streams.get(streamId);
            if (q)
                this.streams.delete(streamId); // re-inserted below: most recently used goes last
            else
                q = { pending: [], flushing: false, lastRevision: undefined };
            this.streams.set(streamId, q);
            q.pending.push({ event, done });
            if (!q.flushing) {
                q.flushing = true;
                // Let the calls of this tick join the batch before the first append.
                setImmediate(() => void this.flush(streamId, q));
            }
        });
    }
    async flush(streamId, q) {
        while (q.pending.length > 0) {
            const batch = q.pending.splice(0, MAX_BATCH);
            const result = await this.appendBatch(streamId, q, batch.map((p) => p.event));
            for (const p of batch)
                p.done(result);
        }
        q.flushing = false;
        this.trim();
    }
    /** Drops the least recently used idle streams beyond the bound; a stream with calls in flight is never dropped. */
    trim() {
        let excess = this.streams.size - this.maxIdleStreams;
        if (excess <= 0)
            return;
        for (const [id, q] of this.streams) {
            if (excess <= 0)
                break;
            if (q.flushing || q.pending.length > 0)
                continue;
            this.streams.delete(id);
            excess--;
        }
    }
    async appendBatch(streamId, q, events) {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            const expected = this.anyRevision ? 'any' : q.lastRevision === undefined || q.lastRevision < 0 ? 'no_stream' : q.lastRevision;
            try {
                const appended = await this.store.append(streamId, expected, events);
                if (E.isRight(appended)) {
                    q.lastRevision = appended.right.lastRevision;
                    return E.right(undefined);
                }
                q.lastRevision = appended.left.actual;
            }
            catch {
                q.lastRevision = undefined;
                return E.left(internalFailure('The usage record could not be stored.'));
            }
        }
        return E.left(internalFailure(`The usage stream ${streamId} kept changing; try again.`));
    }
}
