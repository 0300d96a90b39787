import type { StreamHead } from '../../projections/audit/verify.ts'
import { STREAM_HEADS } from '../../projections/views/stream-heads.ts'
import type { SqliteReadStore } from './sqlite.ts'

/** The stream heads the read store recorded: the anchor `audit verify` compares the event store with. */
export const readAnchors = (rs: SqliteReadStore, streamIds?: readonly string[]): Map<string, StreamHead> => {
  const exists = rs.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(STREAM_HEADS)
  if (!exists) return new Map()
  const rows = (streamIds
    ? streamIds.flatMap((id) => rs.db.prepare(`SELECT stream_id, revision, hash FROM ${STREAM_HEADS} WHERE stream_id = ?`).all(id))
    : rs.db.prepare(`SELECT stream_id, revision, hash FROM ${STREAM_HEADS}`).all()) as { stream_id: string; revision: number; hash: string }[]
  return new Map(rows.map((r) => [r.stream_id, { revision: r.revision, hash: r.hash }]))
}
