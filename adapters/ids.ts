import { randomBytes, randomFillSync, randomUUID } from 'node:crypto'
import type { IdGenerator } from '../domain/ports/ids.ts'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** `key-` and 24 random lowercase letters or digits, like the API's instance keys (API reference §5.1). */
const instanceKeyId = (): string => {
  const bytes = randomBytes(24)
  let s = 'key-'
  for (const b of bytes) s += ALPHABET.charAt(b % 36) // 256 % 36 leaves a bias of < 1 %: ids need uniqueness, not secrecy
  return s
}

/**
 * Random bytes drawn from the CSPRNG 4 KiB at a time and handed out once each, as Node's own randomUUID does (issue 11:
 * one randomBytes call per event id was a measurable share of a call's CPU). Ids need unpredictability, not
 * secrecy, and no byte is handed out twice.
 */
const pool = Buffer.allocUnsafe(4096)
let poolAt = pool.length

const takeRandom = (into: Buffer): void => {
  if (poolAt + into.length > pool.length) {
    randomFillSync(pool)
    poolAt = 0
  }
  poolAt += pool.copy(into, 0, poolAt, poolAt + into.length)
}

/**
 * A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits. Event ids are the key of
 * the event store's unique index (SQLite: `events.event_id`, how a retried append finds its event): with random
 * (v4) ids every append dirties a random leaf page of an index that grows with the log, so past the page cache
 * each event costs a page read and a page written to the WAL, and Encrypt slowed as history grew (issue #11
 * "flat"). Time-ordered ids land at the index's right edge. Still a UUID wherever one is required (EventStoreDB).
 */
export const timeOrderedUuid = (now = Date.now()): string => {
  const b = Buffer.allocUnsafe(16)
  takeRandom(b)
  b.writeUIntBE(now, 0, 6)
  b[6] = (b[6]! & 0x0f) | 0x70 // version 7
  b[8] = (b[8]! & 0x3f) | 0x80 // variant 10
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export const randomIds: IdGenerator = {
  keyId: instanceKeyId,
  versionId: randomUUID,
  eventId: () => timeOrderedUuid(),
  requestId: randomUUID,
}
