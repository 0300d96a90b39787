import * as E from 'fp-ts/lib/Either.js'
import { readKeyFeed } from '../../../application/feed/key-feed.ts'
import { integerIn } from '../wire/fields.ts'
import { fields, type ActionHandler, type ActionTable } from './action.ts'

// ListKeyEvents (docs/key-events.md): the public key-event feed with a position cursor and long-poll. The
// application's query reads and filters it (application/feed/key-feed.ts); this handler only speaks the wire.

const listKeyEvents: ActionHandler = async (ctx, s) => {
  const f = fields({
    after: integerIn(ctx.params, 'After', 0, Number.MAX_SAFE_INTEGER, 0),
    limit: integerIn(ctx.params, 'Limit', 1, 100, 50),
    wait: integerIn(ctx.params, 'WaitSeconds', 0, 20, 0),
  })
  if (E.isLeft(f)) return f
  const page = await readKeyFeed({ store: s.store, keys: s.keys, region: s.deployment.region }, ctx.access,
    { after: f.right.after, limit: f.right.limit, waitMs: f.right.wait * 1000 })
  return E.right({ Events: { Event: page.events }, NextPosition: page.next })
}

export const keyEventActions: ActionTable = { ListKeyEvents: listKeyEvents }
