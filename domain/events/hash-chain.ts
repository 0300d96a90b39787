import { hash as oneShot } from 'node:crypto'
import type { ChainLinks, NewEvent, SealedMetadata } from '../kernel/envelope.ts'

/** The hash that starts every stream's chain. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every depth: the same content always gives the same bytes. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value))

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined) out[k] = sortKeys(v)
    }
    return out
  }
  return value
}

export interface Hashable {
  readonly streamId: string
  readonly revision: number
  readonly eventId: string
  readonly type: string
  readonly data: unknown
  readonly metadata: Omit<SealedMetadata, 'hash'> & { hash?: string }
}

/**
 * SHA-256 over the canonical JSON of an event without its own `hash` (the exact bytes, with vectors a spec
 * pins: docs/audit-format.md §1). The stream id and revision are part of
 * what is hashed, so an event moved to another place in the log breaks the chain as surely as an edited one.
 */
export const hashEvent = (e: Hashable): string => hashOf(e.streamId, e.revision, e.eventId, e.type, e.data, e.metadata, undefined)

/**
 * The hash of `hashEvent`, with `metadata.prevHash` taken as `prevHash` when one is given. Every append hashes each
 * event it writes (issue 11: a quarter of the writer thread's time went here): the canonical JSON is built
 * without the copies a literal reading would make (the envelope object, the metadata without its hash, the
 * metadata with its link), and hashed in one call. The bytes are the same (docs/audit-format.md §1 vectors):
 * `canonicalJson` of { streamId, revision, eventId, type, data, metadata without hash }.
 */
const hashOf = (streamId: string, revision: number, eventId: string, type: string, data: unknown, metadata: object, prevHash: string | undefined): string => {
  // Its keys in canonicalJson's order (sorted): data, eventId, metadata, revision, streamId, type.
  const envelope = { data: sortKeys(data), eventId: sortKeys(eventId), metadata: sortedMetadata(metadata, prevHash), revision: sortKeys(revision), streamId: sortKeys(streamId), type: sortKeys(type) }
  return oneShot('sha256', JSON.stringify(envelope), 'hex')
}

/** `sortKeys` of the metadata without its `hash`, with `prevHash` set to the given link (if any). */
const sortedMetadata = (metadata: object, prevHash: string | undefined): unknown => {
  // Not a record (never written so, but a stored file is anyone's): the literal reading, which throws where it threw.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as an object; read from a file, it may be anything
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    // eslint-disable-next-line @typescript-eslint/no-misused-spread -- the literal reading's spread, indices and all
    const linked = prevHash === undefined ? metadata : { ...metadata, prevHash }
    const { hash: _ignored, ...rest } = linked as Record<string, unknown>
    return sortKeys(rest)
  }
  const keys = Object.keys(metadata)
  if (prevHash !== undefined && !keys.includes('prevHash')) keys.push('prevHash')
  const out: Record<string, unknown> = {}
  for (const k of keys.sort()) {
    if (k === 'hash') continue
    const v = k === 'prevHash' && prevHash !== undefined ? prevHash : (metadata as Record<string, unknown>)[k]
    if (v !== undefined) out[k] = sortKeys(v)
  }
  return out
}

/** Links new events to the last hash of their stream; `firstRevision` is the revision the first one will take. */
export const sealEvents = (
  streamId: string,
  firstRevision: number,
  prevHash: string,
  events: readonly NewEvent[]
): Array<NewEvent & { metadata: SealedMetadata }> => {
  const hashes = chainHashes(streamId, firstRevision, prevHash, events)
  return events.map((e, i) => {
    const links: ChainLinks = { prevHash: i === 0 ? prevHash : hashes[i - 1]!, hash: hashes[i]! }
    return { eventId: e.eventId, type: e.type, data: e.data, metadata: { ...e.metadata, ...links } }
  })
}

/**
 * The hashes `sealEvents` gives the events, without the sealed copies: each event's `prevHash` is the hash before
 * it (`prevHash` for the first). The SQLite writer stores the caller's JSON text and needs only these.
 */
export const chainHashes = (streamId: string, firstRevision: number, prevHash: string, events: readonly NewEvent[]): string[] => {
  let prev = prevHash
  return events.map((e, i) => {
    // hashEvent of the event with `metadata.prevHash` = prev
    prev = hashOf(streamId, firstRevision + i, e.eventId, e.type, e.data, e.metadata, prev)
    return prev
  })
}
