import type { NewEvent } from '../../../domain/kernel/envelope.ts'
import type { ExpectedRevision } from '../../../domain/ports/event-store.ts'
import { DuplicateEventId } from '../shared.ts'
import type { CommitStats, Settled } from './group-commit.ts'
import type { EventRow } from './rows.ts'
import type { AppendOutcome, AppendRequest } from './write-append.ts'

// The messages between the store (main thread) and its writer thread (writer-thread.ts). Event data and metadata
// cross as JSON text: serialised once on the caller's side, where a value that is not JSON fails its own append
// at once, and parsed back in the writer, so what is hashed and stored is exactly what was serialised.

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
      /** The rows the transaction inserted, in position order: the live feed's next events, without a read. */
      readonly recorded: readonly EventRow[]
      readonly stats: CommitStats
      /** How long the transaction's COMMIT took; null when the transaction failed. */
      readonly commitMs: number | null
    }
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed'; readonly error: WireError }

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

export const fromWire = (w: WireAppend): AppendRequest => ({
  streamId: w.streamId, expected: w.expected,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a structured-clone message from the writer thread, checked by its fields
  events: w.events.map((e): NewEvent => ({ eventId: e.eventId, type: e.type, data: JSON.parse(e.data), metadata: JSON.parse(e.metadata) })),
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
