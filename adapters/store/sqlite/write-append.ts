import * as E from 'fp-ts/lib/Either.js'
import type { LeafEntry } from '../../../domain/audit/leaf.ts'
import type { NewEvent } from '../../../domain/kernel/envelope.ts'
import { chainHashes, GENESIS_HASH } from '../../../domain/events/hash-chain.ts'
import type { AppendResult, ExpectedRevision, WrongExpectedRevision } from '../../../domain/ports/event-store.ts'
import { DuplicateEventId, expectedRevisionHolds, retryAt } from '../shared.ts'
import type { EventInsert, Statements } from './statements.ts'
import { sealedMetadataText, type Placed } from './writer-protocol.ts'

export interface AppendRequest {
  readonly streamId: string
  readonly expected: ExpectedRevision
  readonly events: readonly NewEvent[]
}

/** An event as the writer thread has it: parsed (the hash is over its canonical JSON) and as the caller's JSON text (what is stored). */
export interface TextEvent extends NewEvent {
  readonly dataText: string
  readonly metadataText: string
}

export interface WriteRequest {
  readonly streamId: string
  readonly expected: ExpectedRevision
  readonly events: readonly TextEvent[]
}

export type AppendOutcome = E.Either<WrongExpectedRevision, AppendResult>

/**
 * One append inside the group's transaction (the write lock is held, so what it reads cannot change under it).
 * Returns `wrote` so the caller knows whether subscribers have something new. Throws on a failure of this append
 * alone (reused event id); the caller rolls back to its savepoint.
 */
export interface AppendWritten {
  readonly outcome: AppendOutcome
  readonly wrote: boolean
  /** Where the events went and their links (without the append's id): the caller's text completes their rows. */
  readonly placed: Omit<Placed, 'id'> | undefined
}

/**
 * Stores each event's text as the caller serialised it (the data verbatim, the metadata with the chain links
 * spliced in): parsing it back and serialising it again gave the same bytes (JSON.stringify of JSON.parse of
 * JSON.stringify's output is that output), at twice the cost. The hash is over the parsed event, as before.
 */
export const writeAppend = (st: Statements, { streamId, expected, events }: WriteRequest): AppendWritten => {
  const retry = findRetry(st, streamId, expected, events)
  if (retry) return { outcome: E.right(retry), wrote: false, placed: undefined }
  const head = st.streamHead.get(streamId)
  const actual = head?.revision ?? -1
  const conflict = (): AppendOutcome => E.left({ kind: 'WrongExpectedRevision', streamId, expected, actual })
  if (!expectedRevisionHolds(expected, actual)) return { outcome: conflict(), wrote: false, placed: undefined }
  if (events.length === 0) return { outcome: E.right({ lastRevision: actual, position: head?.position ?? 0 }), wrote: false, placed: undefined }
  if (head && typeof head.hash !== 'string') throw new Error(`${streamId}@${head.revision} has no hash: the stream's chain is broken`)
  const prevHash = head?.hash ?? GENESIS_HASH
  const hashes = chainHashes(streamId, actual + 1, prevHash, events)
  const rows: EventInsert[] = events.map((e, i) => ({
    streamId, revision: actual + 1 + i, eventId: e.eventId, type: e.type, data: e.dataText, metadata: sealedMetadataText(e.metadataText, i === 0 ? prevHash : hashes[i - 1]!, hashes[i]!),
  }))
  let position = 0
  const leaves: LeafEntry[] = []
  const positions: number[] = []
  for (const [i, r] of rows.entries()) {
    try {
      position = Number(st.insert.run(r.streamId, r.revision, r.eventId, r.type, r.data, r.metadata).lastInsertRowid)
      leaves.push({ position, streamId, revision: r.revision, hash: hashes[i]! })
      positions.push(position)
    } catch (e) {
      // UNIQUE(stream_id, stream_revision) is the backstop of the expected-revision check above.
      if (isUnique(e, 'events.stream_revision')) return { outcome: conflict(), wrote: false, placed: undefined }
      if (isUnique(e, 'events.event_id')) throw new DuplicateEventId(r.eventId, streamId)
      throw e
    }
  }
  // In the same savepoint as the rows: the tree holds exactly the acknowledged events (docs/verifiable-log.md).
  st.tree.append(leaves)
  return { outcome: E.right({ lastRevision: actual + rows.length, position }), wrote: true, placed: { positions, revision: actual + 1, prevHash, hashes } }
}

const findRetry = (st: Statements, streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]) => {
  const first = events[0]
  const place = first && st.eventPlace.get(first.eventId)
  if (!place || place.streamId !== streamId) return undefined
  return retryAt(st.placedFrom.all(streamId, place.revision, events.length), expected, events)
}

const isUnique = (e: unknown, column: string): boolean =>
  e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes(column)
