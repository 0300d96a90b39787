import { isLeft } from 'fp-ts/lib/Either.js';
import { SealedMetadata } from "../../../domain/kernel/envelope.js";
/** A stored event that cannot be read back: names where it is, so an operator can find it. Never holds its content. */
export class StoredEventUnreadable extends Error {
    streamId;
    revision;
    position;
    reason;
    name = 'StoredEventUnreadable';
    constructor(streamId, revision, position, reason) {
        super(`stored event ${String(streamId)}@${String(revision)} (position ${String(position)}) is unreadable: ${reason}`);
        this.streamId = streamId;
        this.revision = revision;
        this.position = position;
        this.reason = reason;
    }
}
/** Rows come from a file anyone with access could have edited: check each field instead of trusting it. */
export const decodeRow = (row) => {
    const fail = (reason) => {
        throw new StoredEventUnreadable(row.stream_id, row.stream_revision, row.position, reason);
    };
    if (typeof row.stream_id !== 'string' || !Number.isSafeInteger(row.stream_revision) || !Number.isSafeInteger(row.position))
        fail('its place (stream, revision, position) is malformed');
    if (typeof row.event_id !== 'string' || typeof row.type !== 'string')
        fail('event id or type is not text');
    const data = parseJson(row.data, 'data', fail);
    const metadata = SealedMetadata.decode(parseJson(row.metadata, 'metadata', fail));
    if (isLeft(metadata))
        return fail(`metadata does not match the envelope: ${fieldsOf(metadata.left)}`);
    return {
        streamId: row.stream_id,
        revision: row.stream_revision,
        position: row.position,
        eventId: row.event_id,
        type: row.type,
        data,
        metadata: metadata.right,
    };
};
const parseJson = (text, field, fail) => {
    if (typeof text !== 'string')
        return fail(`${field} is not text`);
    try {
        return JSON.parse(text);
    }
    catch {
        // the parser's message quotes the text, which could be event data: keep it out of errors and logs
        return fail(`${field} is not valid JSON`);
    }
};
/** The failing fields' paths, without their values. */
const fieldsOf = (errors) => [...new Set(errors.map((e) => e.context.map((c) => c.key).filter(Boolean).join('.') || '(root)'))].join(', ');
