import { DuplicateEventId } from "../shared.js";
const text = (value, field) => {
    const t = JSON.stringify(value);
    if (typeof t !== 'string')
        throw new TypeError(`event ${field} is not JSON-serialisable`);
    return t;
};
/** Serialises an append's events; throws (as the store did in the writer) when one is not JSON. */
export const toWire = (id, r) => ({
    id, streamId: r.streamId, expected: r.expected,
    events: r.events.map((e) => ({ eventId: e.eventId, type: e.type, data: text(e.data, 'data'), metadata: text(e.metadata, 'metadata') })),
});
export const fromWire = (w) => ({
    streamId: w.streamId, expected: w.expected,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a structured-clone message from the writer thread, checked by its fields
    events: w.events.map((e) => ({ eventId: e.eventId, type: e.type, data: JSON.parse(e.data), metadata: JSON.parse(e.metadata) })),
});
export const errorToWire = (e) => {
    if (e instanceof DuplicateEventId)
        return { name: e.name, message: e.message, eventId: e.eventId, streamId: e.streamId };
    if (e instanceof Error)
        return { name: e.name, message: e.message, ...(e.code !== undefined ? { code: String(e.code) } : {}) };
    return { name: 'Error', message: String(e) };
};
/** The writer's error as the caller would have seen it had the append run on its own thread (same class, name, code). */
export const errorFromWire = (w) => {
    if (w.name === 'DuplicateEventId' && w.eventId !== undefined && w.streamId !== undefined)
        return new DuplicateEventId(w.eventId, w.streamId);
    const e = w.name === 'TypeError' ? new TypeError(w.message) : new Error(w.message);
    if (e.name !== w.name)
        e.name = w.name;
    if (w.code !== undefined)
        e.code = w.code;
    return e;
};
export const settledToWire = (id, s) => ('outcome' in s ? { id, outcome: s.outcome } : { id, error: errorToWire(s.error) });
