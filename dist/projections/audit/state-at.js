import * as E from 'fp-ts/lib/Either.js';
import { evolve, initialState } from "../../domain/key/index.js";
import { decodeRecorded } from "../projected-event.js";
/**
 * `audit state KEY --at TIME`: the key as it was at that instant, folded with the aggregate's own `evolve`
 * from the events that had occurred by then (metadata.occurredAt ≤ at). `created: false` means the key did
 * not exist yet.
 */
export const keyStateAt = (events, at) => {
    let state = initialState;
    for (const r of events) {
        if (Date.parse(r.metadata.occurredAt) > at.getTime())
            break;
        const d = decodeRecorded(r);
        if (E.isLeft(d))
            return d;
        if (d.right.kind === 'key')
            state = evolve(state, d.right.event);
    }
    return E.right(state);
};
