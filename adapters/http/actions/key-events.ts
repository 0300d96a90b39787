import * as E from 'fp-ts/lib/Either.js'
import type { KeyState } from '../../../domain/key/state.ts'
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import { decodeRecorded } from '../../../projections/projected-event.ts'
import { publicEventKeyId, toPublicKeyEvent, type PublicKeyEvent } from '../../../projections/feed/key-events.ts'
import { integerIn } from '../wire/fields.ts'
import { fields, type ActionContext, type ActionHandler, type ActionTable, type ApiServices } from './action.ts'

// ListKeyEvents (docs/key-events.md): the public key-event feed, read from the store's global order with a
// position cursor. The account permission `kms:ListKeyEvents` admits the call (the dispatcher, from the catalogue);
// each event is then shown only if the caller may DescribeKey its key, decided by the same key authorization as
// DescribeKey (its policy, S-5.2), without recording a refusal: a feed filter is not a request for that key.

/** How many store events one request scans at most before it answers (with the cursor moved past them). */
const SCAN_BATCH = 500
const SCAN_LIMIT = 5_000
const KEY_STREAMS = ['key-']

interface Page { readonly events: PublicKeyEvent[]; readonly next: number; readonly reachedHead: boolean }

/** Events after `after` the caller may describe, at most `limit`; `next` passes every event scanned. */
const scan = async (ctx: ActionContext, s: ApiServices, after: number, limit: number): Promise<Page> => {
  const keys = new Map<string, KeyState | null>()
  const authorizer = ctx.access.keyAuthorizer()
  const visible = async (keyId: string): Promise<KeyState | null> => {
    if (!keys.has(keyId)) {
      const k = await s.keys.loadAny(keyId) // a deleted key's `deleted` event is shown to who could describe it
      keys.set(keyId, E.isRight(k) && k.right.region === s.deployment.region && E.isRight(authorizer.checkKey(k.right, 'kms:DescribeKey')) ? k.right : null)
    }
    return keys.get(keyId)!
  }
  const events: PublicKeyEvent[] = []
  let next = after
  for (let scanned = 0; scanned < SCAN_LIMIT;) {
    const batch: RecordedEvent[] = await s.store.readAll({ after: next, limit: SCAN_BATCH, streamPrefixes: KEY_STREAMS })
    for (const r of batch) {
      const d = decodeRecorded(r)
      const keyId = E.isRight(d) ? publicEventKeyId(d.right) : undefined
      const key = E.isRight(d) && keyId !== undefined ? await visible(keyId) : null
      const pub = key && E.isRight(d) ? toPublicKeyEvent(d.right, key.arn) : undefined
      if (pub) events.push(pub)
      next = r.position
      if (events.length === limit) return { events, next, reachedHead: false }
    }
    scanned += batch.length
    if (batch.length < SCAN_BATCH) return { events, next, reachedHead: true }
  }
  return { events, next, reachedHead: false }
}

/** Resolves when an event is appended to a key stream after `after`, or after `ms`. */
const appendAfter = (s: ApiServices, after: number, ms: number): Promise<void> => new Promise((resolve) => {
  let done = false
  const finish = () => {
    if (done) return
    done = true
    clearTimeout(timer)
    void sub.stop()
    resolve()
  }
  const timer = setTimeout(finish, ms)
  const sub = s.store.subscribeAll({ after, streamPrefixes: KEY_STREAMS }, () => finish())
})

const listKeyEvents: ActionHandler = async (ctx, s) => {
  const f = fields({
    after: integerIn(ctx.params, 'After', 0, Number.MAX_SAFE_INTEGER, 0),
    limit: integerIn(ctx.params, 'Limit', 1, 100, 50),
    wait: integerIn(ctx.params, 'WaitSeconds', 0, 20, 0),
  })
  if (E.isLeft(f)) return f
  const { after, limit, wait } = f.right
  let page = await scan(ctx, s, after, limit)
  // Long poll: answer at once when there is something (or more to scan); else wait for the next append once.
  if (page.events.length === 0 && page.reachedHead && wait > 0) {
    await appendAfter(s, page.next, wait * 1000)
    page = await scan(ctx, s, page.next, limit)
  }
  return E.right({ Events: { Event: page.events }, NextPosition: page.next })
}

export const keyEventActions: ActionTable = { ListKeyEvents: listKeyEvents }
