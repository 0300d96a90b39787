import * as E from 'fp-ts/lib/Either.js'
import type { LeafEntry } from '../../../domain/audit/leaf.ts'
import type { NewEvent } from '../../../domain/kernel/envelope.ts'
import { GENESIS_HASH, sealEvents } from '../../../domain/events/hash-chain.ts'
import type { AppendResult, ExpectedRevision, WrongExpectedRevision } from '../../../domain/ports/event-store.ts'
import { DuplicateEventId, expectedRevisionHolds, retryAt } from '../shared.ts'
import type { EventRow } from './rows.ts'
import type { EventInsert, Statements } from './statements.ts'

export interface AppendRequest {
  readonly streamId: string
  readonly expected: ExpectedRevision
  readonly events: readonly NewEvent[]
}

export type AppendOutcome = E.Either<WrongExpectedRevision, AppendResult>

/**
 * One append inside the group's transaction (the write lock is held, so what it reads cannot change under it).
 * Returns `wrote` so the caller knows whether subscribers have something new. Throws on a failure of this append
 * alone (unserialisable data, reused event id); the caller rolls back to its savepoint.
 */
export interface AppendWritten {
  readonly outcome: AppendOutcome
  readonly wrote: boolean
  /** The rows inserted, as a read would return them: the live feed delivers them without reading them back. */
  readonly recorded: readonly EventRow[]
}

export const writeAppend = (st: Statements, { streamId, expected, events }: AppendRequest): AppendWritten => {
  const retry = findRetry(st, streamId, expected, events)
  if (retry) return { outcome: E.right(retry), wrote: false, recorded: [] }
  const head = st.streamHead.get(streamId)
  const actual = head?.revision ?? -1
  const conflict = (): AppendOutcome => E.left({ kind: 'WrongExpectedRevision', streamId, expected, actual })
  if (!expectedRevisionHolds(expected, actual)) return { outcome: conflict(), wrote: false, recorded: [] }
  if (events.length === 0) return { outcome: E.right({ lastRevision: actual, position: head?.position ?? 0 }), wrote: false, recorded: [] }
  if (head && typeof head.hash !== 'string') throw new Error(`${streamId}@${head.revision} has no hash: the stream's chain is broken`)
  // Serialise the whole batch before the first insert, so most failures write nothing at all.
  const sealed = sealEvents(streamId, actual + 1, head?.hash ?? GENESIS_HASH, events)
  const rows: EventInsert[] = sealed.map((e, i) => ({
    streamId, revision: actual + 1 + i, eventId: e.eventId, type: e.type, data: json(e.data, 'data'), metadata: json(e.metadata, 'metadata'),
  }))
  let position = 0
  const leaves: LeafEntry[] = []
  const recorded: EventRow[] = []
  for (const [i, r] of rows.entries()) {
    try {
      position = Number(st.insert.run(r.streamId, r.revision, r.eventId, r.type, r.data, r.metadata).lastInsertRowid)
      leaves.push({ position, streamId, revision: r.revision, hash: sealed[i]!.metadata.hash })
      recorded.push({ position, stream_id: streamId, stream_revision: r.revision, event_id: r.eventId, type: r.type, data: r.data, metadata: r.metadata })
    } catch (e) {
      // UNIQUE(stream_id, stream_revision) is the backstop of the expected-revision check above.
      if (isUnique(e, 'events.stream_revision')) return { outcome: conflict(), wrote: false, recorded: [] }
      if (isUnique(e, 'events.event_id')) throw new DuplicateEventId(r.eventId, streamId)
      throw e
    }
  }
  // In the same savepoint as the rows: the tree holds exactly the acknowledged events (docs/verifiable-log.md).
  st.tree.append(leaves)
  return { outcome: E.right({ lastRevision: actual + rows.length, position }), wrote: true, recorded }
}

const findRetry = (st: Statements, streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]) => {
  const first = events[0]
  const place = first && st.eventPlace.get(first.eventId)
  if (!place || place.streamId !== streamId) return undefined
  return retryAt(st.placedFrom.all(streamId, place.revision, events.length), expected, events)
}

const json = (value: unknown, field: string): string => {
  const text = JSON.stringify(value)
  if (typeof text !== 'string') throw new TypeError(`event ${field} is not JSON-serialisable`)
  return text
}

const isUnique = (e: unknown, column: string): boolean =>
  e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes(column)
