import { upsert } from "../rows.js";
// The anchor for `audit verify`: the last revision and hash of every stream as the read store saw them.
// A hash chain alone cannot show that a stream's tail was cut off (what remains is still a valid chain);
// comparing with this independent copy can. It is only as independent as the read store's file: keep a copy
// (backup, export of `audit anchor`) where whoever can write the event store cannot.
export const STREAM_HEADS = 'audit_stream_heads';
export const streamHeadsView = {
    name: 'stream-heads',
    version: 1,
    tables: [{
            name: STREAM_HEADS,
            columns: { stream_id: 'TEXT NOT NULL', revision: 'INTEGER NOT NULL', hash: 'TEXT NOT NULL', position: 'INTEGER NOT NULL' },
            primaryKey: ['stream_id'],
        }],
    project: (e) => [upsert(STREAM_HEADS, { stream_id: e.streamId, revision: e.revision, hash: e.metadata.hash, position: e.position })],
};
