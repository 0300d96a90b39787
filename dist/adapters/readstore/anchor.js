import { STREAM_HEADS } from "../../projections/views/stream-heads.js";
/** The stream heads the read store recorded: the anchor `audit verify` compares the event store with. */
export const readAnchors = (rs, streamIds) => {
    const exists = rs.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(STREAM_HEADS);
    if (!exists)
        return new Map();
    const rows = (streamIds
        ? streamIds.flatMap((id) => rs.db.prepare(`SELECT stream_id, revision, hash FROM ${STREAM_HEADS} WHERE stream_id = ?`).all(id))
        : rs.db.prepare(`SELECT stream_id, revision, hash FROM ${STREAM_HEADS}`).all());
    return new Map(rows.map((r) => [r.stream_id, { revision: r.revision, hash: r.hash }]));
};
