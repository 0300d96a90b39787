import { isLeft } from 'fp-ts/lib/Either.js'
import type { Errors } from 'io-ts'
import { SealedMetadata, type RecordedEvent } from '../../../domain/kernel/envelope.ts'

/** A row of the events table as SQLite returns it. */
export interface EventRow {
  readonly position: number
  readonly stream_id: string
  readonly stream_revision: number
  readonly event_id: string
  readonly type: string
  readonly data: string
  readonly metadata: string
}

/** A stored event that cannot be read back: names where it is, so an operator can find it. Never holds its content. */
export class StoredEventUnreadable extends Error {
  override name = 'StoredEventUnreadable'
  constructor(readonly streamId: unknown, readonly revision: unknown, readonly position: unknown, readonly reason: string) {
    super(`stored event ${String(streamId)}@${String(revision)} (position ${String(position)}) is unreadable: ${reason}`)
  }
}

/** Rows come from a file anyone with access could have edited: check each field instead of trusting it. */
export const decodeRow = (row: EventRow): RecordedEvent => {
  const fail = (reason: string): never => {
    throw new StoredEventUnreadable(row.stream_id, row.stream_revision, row.position, reason)
  }
  if (typeof row.stream_id !== 'string' || !Number.isSafeInteger(row.stream_revision) || !Number.isSafeInteger(row.position))
    fail('its place (stream, revision, position) is malformed')
  if (typeof row.event_id !== 'string' || typeof row.type !== 'string') fail('event id or type is not text')
  const data = parseJson(row.data, 'data', fail)
  const metadata = parseJson(row.metadata, 'metadata', fail)
  // `is` is decode's check without its result objects (every read and every live event comes through here); for
  // these codecs a value that passes decodes to itself. Decode runs only to name what failed.
  if (!SealedMetadata.is(metadata)) {
    const decoded = SealedMetadata.decode(metadata)
    return fail(`metadata does not match the envelope${isLeft(decoded) ? `: ${fieldsOf(decoded.left)}` : ''}`)
  }
  return {
    streamId: row.stream_id,
    revision: row.stream_revision,
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    data,
    metadata,
  }
}

const parseJson = (text: unknown, field: string, fail: (reason: string) => never): unknown => {
  if (typeof text !== 'string') return fail(`${field} is not text`)
  try {
    return JSON.parse(text)
  } catch {
    // the parser's message quotes the text, which could be event data: keep it out of errors and logs
    return fail(`${field} is not valid JSON`)
  }
}

/** The failing fields' paths, without their values. */
const fieldsOf = (errors: Errors): string =>
  [...new Set(errors.map((e) => e.context.map((c) => c.key).filter(Boolean).join('.') || '(root)'))].join(', ')
