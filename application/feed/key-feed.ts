import * as E from 'fp-ts/lib/Either.js'
import type { KeyState } from '../../domain/key/state.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import { decodeRecorded } from '../../projections/projected-event.ts'
import { publicEventKeyId, toPublicKeyEvent, type PublicKeyEvent } from '../../projections/feed/key-events.ts'
import type { KeyService } from '../key-service.ts'
import type { RequestAccess } from '../access/request-access.ts'

// The key-event feed as a query (docs/key-events.md): the store's key streams in global order after a position,
// mapped to the public schema, each event shown only if the caller may DescribeKey its key. The request's own
// authorization decides (its key policy, S-5.2), without recording a refusal: a feed filter is not a request
// for that key. The account permission `kms:ListKeyEvents` was decided at admission.

/** How many store events one request scans at most before it answers (with the cursor moved past them). */
const SCAN_BATCH = 500
const SCAN_LIMIT = 5_000
const KEY_STREAMS = ['key-']

export interface KeyFeedDeps {
  readonly store: EventStore
  readonly keys: KeyService
  readonly region: string
}

export interface KeyFeedQuery {
  /** Exclusive position cursor (0: the start). */
  readonly after: number
  readonly limit: number
  /** Long-poll: how long to wait for an append when nothing is there to show (0: answer at once). */
  readonly waitMs: number
  /** Ends the wait early (a stream closing, the server draining): the page is then read at once. */
  readonly signal?: AbortSignal
}

export interface KeyFeedPage {
  readonly events: readonly PublicKeyEvent[]
  /** Past every event scanned, shown or not; equal to `after` when nothing was scanned. */
  readonly next: number
}

interface Scan extends KeyFeedPage { readonly reachedHead: boolean }

const scan = async (d: KeyFeedDeps, access: RequestAccess, after: number, limit: number): Promise<Scan> => {
  const authorizer = access.keyAuthorizer()
  const keys = new Map<string, KeyState | null>()
  const visible = async (keyId: string): Promise<KeyState | null> => {
    if (!keys.has(keyId)) {
      const k = await d.keys.loadAny(keyId) // a deleted key's `deleted` event is shown to who could describe it
      keys.set(keyId, E.isRight(k) && k.right.region === d.region && E.isRight(authorizer.checkKey(k.right, 'kms:DescribeKey')) ? k.right : null)
    }
    return keys.get(keyId)!
  }
  const events: PublicKeyEvent[] = []
  let next = after
  for (let scanned = 0; scanned < SCAN_LIMIT;) {
    const batch = await d.store.readAll({ after: next, limit: SCAN_BATCH, streamPrefixes: KEY_STREAMS })
    for (const r of batch) {
      const decoded = decodeRecorded(r)
      const keyId = E.isRight(decoded) ? publicEventKeyId(decoded.right) : undefined
      const key = E.isRight(decoded) && keyId !== undefined ? await visible(keyId) : null
      const pub = key && E.isRight(decoded) ? toPublicKeyEvent(decoded.right, key.arn) : undefined
      if (pub) events.push(pub)
      next = r.position
      if (events.length === limit) return { events, next, reachedHead: false }
    }
    scanned += batch.length
    if (batch.length < SCAN_BATCH) return { events, next, reachedHead: true }
  }
  return { events, next, reachedHead: false }
}

/** Resolves when an event is appended to a key stream after `after` (the store's live subscription), after `ms`, or on abort. */
const appendAfter = (store: EventStore, after: number, ms: number, signal?: AbortSignal): Promise<void> => new Promise((resolve) => {
  if (signal?.aborted) return resolve()
  let done = false
  const finish = () => {
    if (done) return
    done = true
    clearTimeout(timer)
    signal?.removeEventListener('abort', finish)
    void sub.stop()
    resolve()
  }
  const timer = setTimeout(finish, ms)
  signal?.addEventListener('abort', finish, { once: true })
  const sub = store.subscribeAll({ after, streamPrefixes: KEY_STREAMS }, () => finish())
})

/** One page of the feed: at once when there is something to show (or more to scan), else after one wait. */
export const readKeyFeed = async (d: KeyFeedDeps, access: RequestAccess, q: KeyFeedQuery): Promise<KeyFeedPage> => {
  const page = await scan(d, access, q.after, q.limit)
  if (page.events.length > 0 || !page.reachedHead || q.waitMs <= 0) return page
  await appendAfter(d.store, page.next, q.waitMs, q.signal)
  return q.signal?.aborted ? page : scan(d, access, page.next, q.limit)
}
