import * as E from 'fp-ts/lib/Either.js';
import { internalFailure } from "../domain/errors.js";
import { toMetadata } from "../domain/kernel/context.js";
export { toMetadata };
import { schemaVersionOf, upcast } from "../domain/kernel/upcast.js";
export const MAX_ATTEMPTS = 12;
/** Randomised, growing pause between attempts, so contenders for one stream spread out instead of colliding again. */
const backoff = (attempt) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
/**
 * load → decide → append with the expected revision → on conflict reload and decide again, a bounded number
 * of times (docs/architecture.md §10). Returns the new events and the global position read models must reach.
 */
export class CommandHandler {
    store;
    ids;
    /**
     * Folded states by the array a read returned: a store that hands back the same array while the stream is
     * unchanged (the SQLite store's stream cache) spares each call the decode and fold of the key's events.
     */
    folded = new WeakMap();
    constructor(store, ids) {
        this.store = store;
        this.ids = ids;
    }
    async load(decider, streamId) {
        const recorded = await this.store.readStream(streamId);
        let byDecider = this.folded.get(recorded);
        const known = byDecider?.get(decider);
        if (known)
            return E.right(known);
        const loaded = this.fold(decider, streamId, recorded);
        if (E.isRight(loaded) && Object.isFrozen(recorded)) {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- an empty cache map, typed by its parameter
            if (!byDecider)
                this.folded.set(recorded, (byDecider = new Map()));
            byDecider.set(decider, loaded.right);
        }
        return loaded;
    }
    fold(decider, streamId, recorded) {
        let state = decider.initialState;
        for (const r of recorded) {
            const decoded = decider.codec.decode(upcast(r));
            if (E.isLeft(decoded))
                return E.left(internalFailure(`Event ${r.revision} of stream ${streamId} (${r.type}) does not decode; the store needs an audit.`));
            state = decider.evolve(state, decoded.right);
        }
        return E.right({ state, revision: recorded.length - 1, events: recorded });
    }
    async handle(decider, streamId, command, ctx, 
    /** Runs after decide and before append, e.g. to make key material the new events refer to. */
    beforeAppend) {
        for (let attempt = 1;; attempt++) {
            const loaded = await this.load(decider, streamId);
            if (E.isLeft(loaded))
                return loaded;
            const { state, revision } = loaded.right;
            const decided = decider.decide(command, state);
            if (E.isLeft(decided))
                return decided;
            const events = decided.right;
            if (events.length === 0)
                return E.right({ state, events, position: 0, revision });
            if (beforeAppend) {
                const prepared = await beforeAppend(events, state);
                if (E.isLeft(prepared))
                    return prepared;
            }
            const metadata = toMetadata(ctx);
            const newEvents = events.map((e) => ({
                eventId: this.ids.eventId(), type: e.type, data: e.data, metadata: { ...metadata, schemaVersion: schemaVersionOf(e.type) },
            }));
            const appended = await this.store.append(streamId, revision < 0 ? 'no_stream' : revision, newEvents);
            if (E.isRight(appended)) {
                return E.right({
                    state: events.reduce(decider.evolve, state),
                    events,
                    position: appended.right.position,
                    revision: appended.right.lastRevision,
                });
            }
            if (attempt >= MAX_ATTEMPTS)
                return E.left({ code: 'Rejected.ConcurrentModification', httpStatus: 409, message: `Stream ${streamId} kept changing; try again.` });
            await backoff(attempt);
        }
    }
}
