import type { ExpectedRevision } from '../../../domain/ports/event-store.ts'
import { DuplicateEventId } from '../shared.ts'
import type { CommitStats, Settled } from './group-commit.ts'
import type { EventRow } from './rows.ts'
import type { AppendOutcome, AppendRequest, TextEvent, WriteRequest } from './write-append.ts'

// The messages between the store (main thread) and its writer thread (writer-thread.ts). Event data and metadata
// cross as JSON text: serialised once on the caller's side, where a value that is not JSON fails its own append
// at once. The writer parses it (to hash it) and stores that very text (the metadata with the chain links added,
// sealedMetadataText); what it reports back is only what the caller does not have: where each append's events
// went and their links (Placed). The caller builds the rows from the text it sent (placedRows) with the same
// function the writer stored them with, so they are the rows a read returns, without carrying them back.

export interface WireEvent {
  readonly eventId: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

export interface WireAppend {
  readonly id: number
  readonly streamId: string
  readonly expected: ExpectedRevision
  readonly events: readonly WireEvent[]
}

export interface WireError {
  readonly name: string
  readonly message: string
  readonly code?: string
  readonly eventId?: string
  readonly streamId?: string
}

export type WireSettled = { readonly id: number; readonly outcome: AppendOutcome } | { readonly id: number; readonly error: WireError }

export type ToWriter = { readonly kind: 'append'; readonly appends: readonly WireAppend[] } | { readonly kind: 'close' }

export type FromWriter =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'committed'
      readonly settled: readonly WireSettled[]
      readonly wrote: boolean
      /** Where the transaction's appends went, in position order: with placedRows, the live feed's next events, without a read. */
      readonly placed: readonly Placed[]
      readonly stats: CommitStats
      /** How long the transaction's COMMIT took; null when the transaction failed. */
      readonly commitMs: number | null
    }
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed'; readonly error: WireError }

/** Where one append's events went: the writer's part of their rows (placedRows adds the caller's). */
export interface Placed {
  /** The append's id (WireAppend.id). */
  readonly id: number
  /** Each event's position, in order. */
  readonly positions: readonly number[]
  /** The first event's revision; the others follow one apart. */
  readonly revision: number
  /** The first event's link to its stream; each later event's is the hash before it. */
  readonly prevHash: string
  readonly hashes: readonly string[]
}

/**
 * The metadata text stored for an event: the caller's text with the chain links added, byte for byte what
 * `JSON.stringify({ ...JSON.parse(text), prevHash, hash })` writes (the stored format: docs/audit-format.md).
 * The common case is spliced: an object (text JSON.stringify made of one starts with `{`) with no key named
 * prevHash or hash anywhere in it, where the links go last. Anything else takes the literal route.
 */
export const sealedMetadataText = (text: string, prevHash: string, hash: string): string => {
  const links = `"prevHash":${JSON.stringify(prevHash)},"hash":${JSON.stringify(hash)}}`
  // The splice trusts the text to be JSON.stringify's: it checks the two ends it cuts at, and takes the literal route
  // for any `\u` escape (stringify writes one only for control characters and lone surrogates), which a key
  // spelled `"h\u0061sh"` needs: a text from elsewhere is then normalised, never stored with a second hash or broken.
  if (text.charCodeAt(0) === 0x7b && text.charCodeAt(text.length - 1) === 0x7d && !text.includes('\\u') && !text.includes('"prevHash"') && !text.includes('"hash"'))
    return text === '{}' ? `{${links}` : `${text.slice(0, -1)},${links}`
  return JSON.stringify({ ...(JSON.parse(text) as object), prevHash, hash })
}

/** The rows an append's events were stored as: its text (what the writer stored) at the place the writer reports. */
export const placedRows = (w: WireAppend, p: Placed): EventRow[] =>
  w.events.map((e, i) => ({
    position: p.positions[i]!, stream_id: w.streamId, stream_revision: p.revision + i, event_id: e.eventId, type: e.type,
    data: e.data, metadata: sealedMetadataText(e.metadata, i === 0 ? p.prevHash : p.hashes[i - 1]!, p.hashes[i]!),
  }))

const text = (value: unknown, field: string): string => {
  const t = JSON.stringify(value)
  if (typeof t !== 'string') throw new TypeError(`event ${field} is not JSON-serialisable`)
  return t
}

/** Serialises an append's events; throws (as the store did in the writer) when one is not JSON. */
export const toWire = (id: number, r: AppendRequest): WireAppend => ({
  id, streamId: r.streamId, expected: r.expected,
  events: r.events.map((e) => ({ eventId: e.eventId, type: e.type, data: text(e.data, 'data'), metadata: text(e.metadata, 'metadata') })),
})

/** The append as the writer writes it: parsed (to hash it) and with the text it stores. */
export const fromWire = (w: WireAppend): WriteRequest => ({
  streamId: w.streamId, expected: w.expected,
  events: w.events.map((e): TextEvent => ({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a structured-clone message to the writer thread, checked by its fields
    eventId: e.eventId, type: e.type, data: JSON.parse(e.data), metadata: JSON.parse(e.metadata), dataText: e.data, metadataText: e.metadata,
  })),
})

export const errorToWire = (e: unknown): WireError => {
  if (e instanceof DuplicateEventId) return { name: e.name, message: e.message, eventId: e.eventId, streamId: e.streamId }
  if (e instanceof Error) return { name: e.name, message: e.message, ...((e as { code?: unknown }).code !== undefined ? { code: String((e as { code?: unknown }).code) } : {}) }
  return { name: 'Error', message: String(e) }
}

/** The writer's error as the caller would have seen it had the append run on its own thread (same class, name, code). */
export const errorFromWire = (w: WireError): Error => {
  if (w.name === 'DuplicateEventId' && w.eventId !== undefined && w.streamId !== undefined) return new DuplicateEventId(w.eventId, w.streamId)
  const e = w.name === 'TypeError' ? new TypeError(w.message) : new Error(w.message)
  if (e.name !== w.name) e.name = w.name
  if (w.code !== undefined) (e as { code?: string }).code = w.code
  return e
}

export const settledToWire = (id: number, s: Settled): WireSettled => ('outcome' in s ? { id, outcome: s.outcome } : { id, error: errorToWire(s.error) })
