import type { RecordedEvent } from '../kernel/envelope.ts'
import { hashEvent } from '../events/hash-chain.ts'
import { leafHash, type Hash } from './merkle.ts'

// What one leaf of the audit tree commits to (docs/verifiable-log.md "Leaves"): the event's place in the global
// log (position), its stream and revision, and its SHA-256 event hash (docs/audit-format.md: the hash covers the
// whole event, data and metadata, and links to the stream's previous event). The entry is text, one field per
// line, so an auditor can rebuild it by hand:
//
//   keyledger-leaf/v1\n<position>\n<stream id>\n<revision>\n<event hash, 64 lowercase hex>\n
//
// It parses unambiguously from both ends (position and revision are decimal digits, the hash is fixed length),
// even if a stream id held a newline.

export interface LeafEntry {
  readonly position: number
  readonly streamId: string
  readonly revision: number
  /** The event's hash (hex). */
  readonly hash: string
}

export const LEAF_ENTRY_VERSION = 'keyledger-leaf/v1'

export const leafEntryBytes = (e: LeafEntry): Buffer =>
  Buffer.from(`${LEAF_ENTRY_VERSION}\n${e.position}\n${e.streamId}\n${e.revision}\n${e.hash}\n`, 'utf8')

export const entryLeafHash = (e: LeafEntry): Hash => leafHash(leafEntryBytes(e))

/** The entry as the event stands now: its hash recomputed from its content, never the stored `hash` field. */
export const entryOf = (e: RecordedEvent): LeafEntry =>
  ({ position: e.position, streamId: e.streamId, revision: e.revision, hash: hashEvent(e) })

/** The entry as it was sealed at append time (the stored hash): what the store adds to the tree. */
export const sealedEntryOf = (e: Pick<RecordedEvent, 'position' | 'streamId' | 'revision'> & { metadata: { hash: string } }): LeafEntry =>
  ({ position: e.position, streamId: e.streamId, revision: e.revision, hash: e.metadata.hash })
