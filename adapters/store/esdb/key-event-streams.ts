import { createHash } from 'node:crypto'
import { BACKWARDS, END, jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, type EventStoreDBClient, type JSONType } from '@eventstore/db-client'
import type { PublicKeyEvent } from '../../../projections/feed/key-events.ts'
import { DERIVED_STREAM_PREFIX } from './events.ts'

// The public key-event streams on EventStoreDB (docs/key-events.md "On EventStoreDB", docs/esdb.md): one stream
// per account, `keyledger-key-events-<accountId>`, holding the account's public key events (the schema of
// projections/feed/key-events.ts, nothing else: no envelope metadata), in the log's order. One stream per account
// so that EventStoreDB's own ACLs (stream metadata `$acl`) can give an account's consumer read on its stream only.

export const KEY_EVENT_STREAM_PREFIX = `${DERIVED_STREAM_PREFIX}key-events-`
export const keyEventStreamOf = (accountId: string): string => `${KEY_EVENT_STREAM_PREFIX}${accountId}`

/**
 * The event id of a source event's public copy: a name-based UUID (RFC 4122 §4.3 layout, SHA-256 truncated) of
 * the source event id, the same on every node and every run. A re-projection appends the same id, which
 * EventStoreDB answers as an idempotent retry instead of a second event.
 */
export const publicEventIdOf = (sourceEventId: string): string => {
  const b = createHash('sha256').update(`keyledger.key-event/1\0${sourceEventId}`).digest().subarray(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x50
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** Where an account's stream ends: its last revision (-1: none) and the source position of its last event (0: none). */
export interface StreamTail {
  readonly revision: number
  readonly position: number
}

export const readTail = async (client: EventStoreDBClient, streamId: string): Promise<StreamTail> => {
  let tail: StreamTail = { revision: -1, position: 0 }
  try {
    // Read to the end of the (one-event) answer rather than return inside the loop: a read left half-consumed
    // keeps its call open, and the client's dispose() then waits for it.
    for await (const r of client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      if (!r.event) continue
      const data = r.event.data as { position?: unknown }
      tail = { revision: Number(r.event.revision), position: typeof data.position === 'number' ? data.position : 0 }
    }
  } catch (err) {
    if (!(err instanceof StreamNotFoundError)) throw err
  }
  return tail
}

/** Who may read an account's stream: EventStoreDB users or groups, written as the stream's `$acl.$r`. */
export type StreamReaders = (accountId: string) => readonly string[]

/** Without configured readers only `$admins` read a stream: an account's events are not open to every user by default. */
export const ADMINS_ONLY: StreamReaders = () => ['$admins']

/**
 * Makes the stream's `$acl.$r` the configured readers, keeping the rest of its metadata (a `$tb` left by a soft
 * delete, say): run when a projector first touches a stream, so a changed configuration takes effect at start.
 */
const ensureReaders = async (client: EventStoreDBClient, streamId: string, wanted: readonly string[]): Promise<void> => {
  const { metadata } = await client.getStreamMetadata(streamId)
  const current = metadata?.acl
  const roles = typeof current === 'object' ? current.readRoles : current
  if (Array.isArray(roles) && roles.length === wanted.length && roles.every((r, i) => r === wanted[i])) return
  await client.setStreamMetadata(streamId, { ...metadata, acl: { ...(typeof current === 'object' ? current : {}), readRoles: [...wanted] } })
}

/**
 * Appends one public event to its account's stream unless the stream already holds it. Events reach a stream in
 * increasing source position, so "already there" is "the stream's last position is not below it": a restart
 * that re-projects from an older checkpoint, or another node projecting the same log, writes nothing twice.
 * The append names the exact revision it read; a lost race re-reads the tail and decides again. The event id is
 * deterministic as well (publicEventIdOf), so a resend after a lost acknowledgement is EventStoreDB's idempotent
 * append. The first time a writer touches a stream it sets the stream's readers (ensureReaders).
 */
export const appendPublicEvent = async (
  client: EventStoreDBClient,
  tails: Map<string, StreamTail>,
  readers: StreamReaders,
  accountId: string,
  event: PublicKeyEvent,
  sourceEventId: string
): Promise<'appended' | 'already-there'> => {
  const streamId = keyEventStreamOf(accountId)
  for (let race = 0; race < 20; race++) {
    const known = tails.get(streamId)
    if (!known) await ensureReaders(client, streamId, readers(accountId))
    const tail = known ?? (await readTail(client, streamId))
    if (tail.position >= event.position) {
      tails.set(streamId, tail)
      return 'already-there'
    }
    try {
      const data = jsonEvent({ id: publicEventIdOf(sourceEventId), type: event.type, data: event as unknown as JSONType })
      const result = await client.appendToStream(streamId, data, { expectedRevision: tail.revision < 0 ? NO_STREAM : BigInt(tail.revision) })
      tails.set(streamId, { revision: Number(result.nextExpectedRevision), position: event.position })
      return 'appended'
    } catch (err) {
      tails.delete(streamId)
      if (!(err instanceof WrongExpectedVersionError)) throw err
    }
  }
  throw new Error(`append to ${streamId}: lost 20 races in a row for the end of the stream`)
}
