import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../../../domain/errors.ts'
import type { HistoryEntry } from '../../../projections/audit/history.ts'

// ListKeyHistory's NextToken (docs/http-api.md "ListKeyHistory"): where the next page starts in each source of a
// key's history — the lifecycle stream's and the usage stream's next revision, and the store position up to which
// alias events were given. Each page then reads one page from each source, however deep it is: any size of
// history pages at the same cost. Opaque to callers (Base64url JSON) and bound to its key.

export interface HistoryCursor {
  readonly keyId: string
  /** Next revision of `key-<id>`. */
  readonly lifecycle: number
  /** Next revision of `keyusage-<id>`. */
  readonly usage: number
  /** Alias events at or before this store position were given. */
  readonly position: number
}

export const START = (keyId: string): HistoryCursor => ({ keyId, lifecycle: 0, usage: 0, position: 0 })

export const encodeCursor = (c: HistoryCursor): string =>
  Buffer.from(JSON.stringify({ v: 1, k: c.keyId, l: c.lifecycle, u: c.usage, p: c.position })).toString('base64url')

const count = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0

export const decodeCursor = (token: string, keyId: string): E.Either<KmsError, HistoryCursor> => {
  const bad = E.left(invalidParameter('NextToken', 'Pass the NextToken of the previous ListKeyHistory answer for this key, unchanged.'))
  if (token.length > 512 || !/^[A-Za-z0-9_-]+$/.test(token)) return bad
  let o: unknown
  try {
    o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    return bad
  }
  if (typeof o !== 'object' || o === null) return bad
  const r = o as Record<string, unknown>
  if (r['v'] !== 1 || r['k'] !== keyId || !count(r['l']) || !count(r['u']) || !count(r['p'])) return bad
  return E.right({ keyId, lifecycle: r['l'], usage: r['u'], position: r['p'] })
}

/** The cursor after `given`, the entries of a page taken (in order) from `from`. */
export const advance = (from: HistoryCursor, given: readonly HistoryEntry[]): HistoryCursor => {
  const last = given[given.length - 1]
  if (last === undefined) return from
  const of = (stream: string) => given.filter((e) => e.streamId === stream).length
  return {
    keyId: from.keyId,
    lifecycle: from.lifecycle + of(`key-${from.keyId}`),
    usage: from.usage + of(`keyusage-${from.keyId}`),
    position: last.position,
  }
}
