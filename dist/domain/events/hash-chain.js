import { createHash } from 'node:crypto';
/** The hash that starts every stream's chain. */
export const GENESIS_HASH = '0'.repeat(64);
/** JSON with object keys sorted at every depth: the same content always gives the same bytes. */
export const canonicalJson = (value) => JSON.stringify(sortKeys(value));
const sortKeys = (value) => {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const k of Object.keys(value).sort()) {
            const v = value[k];
            if (v !== undefined)
                out[k] = sortKeys(v);
        }
        return out;
    }
    return value;
};
/**
 * SHA-256 over the canonical JSON of an event without its own `hash` (the exact bytes, with vectors a spec
 * pins: docs/audit-format.md §1). The stream id and revision are part of
 * what is hashed, so an event moved to another place in the log breaks the chain as surely as an edited one.
 */
export const hashEvent = (e) => {
    const { hash: _ignored, ...metadata } = e.metadata;
    return createHash('sha256')
        .update(canonicalJson({ streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, data: e.data, metadata }))
        .digest('hex');
};
/** Links new events to the last hash of their stream; `firstRevision` is the revision the first one will take. */
export const sealEvents = (streamId, firstRevision, prevHash, events) => {
    let prev = prevHash;
    return events.map((e, i) => {
        const unsealed = { ...e, streamId, revision: firstRevision + i, metadata: { ...e.metadata, prevHash: prev } };
        const hash = hashEvent(unsealed);
        prev = hash;
        const links = { prevHash: unsealed.metadata.prevHash, hash };
        return { eventId: e.eventId, type: e.type, data: e.data, metadata: { ...e.metadata, ...links } };
    });
};
