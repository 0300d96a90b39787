import * as E from 'fp-ts/lib/Either.js'
import { readKeyFeed } from '../../../application/feed/key-feed.ts'
import { invalidParameter } from '../../../domain/errors.ts'
import { integerIn, type Decoded } from '../wire/fields.ts'
import { fields, type ActionHandler, type ActionTable } from './action.ts'

// ListKeyEvents (docs/key-events.md): the public key-event feed with a position cursor and long-poll. The
// application's query reads and filters it (application/feed/key-feed.ts); this handler only speaks the wire.

/** A position the store gave (0: the start): any whole number a double holds exactly, unlike a page number. */
export const positionCursor = (v: string | undefined, name: string): Decoded<number> => {
  if (v === undefined || v === '') return E.right(0)
  const n = Number(v)
  return /^[0-9]{1,16}$/.test(v) && Number.isSafeInteger(n) ? E.right(n) : E.left(invalidParameter(name, 'Use 0 or a NextPosition this server returned.'))
}

const listKeyEvents: ActionHandler = async (ctx, s) => {
  // A GET with Stream is answered as Server-Sent Events before any handler (../key-event-stream.ts); here it came
  // by POST (or embedded), where one JSON answer is expected.
  if (ctx.params.has('Stream')) return E.left(invalidParameter('Stream', 'A stream is a GET request (docs/key-events.md "Server-Sent Events").'))
  const f = fields({
    after: positionCursor(ctx.params.get('After'), 'After'),
    limit: integerIn(ctx.params, 'Limit', 1, 100, 50),
    wait: integerIn(ctx.params, 'WaitSeconds', 0, 20, 0),
  })
  if (E.isLeft(f)) return f
  const page = await readKeyFeed({ store: s.store, keys: s.keys, region: s.deployment.region }, ctx.access,
    { after: f.right.after, limit: f.right.limit, waitMs: f.right.wait * 1000 })
  return E.right({ Events: { Event: page.events }, NextPosition: page.next })
}

export const keyEventActions: ActionTable = { ListKeyEvents: listKeyEvents }
