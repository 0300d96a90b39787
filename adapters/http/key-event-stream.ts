import type { ServerResponse } from 'node:http'
import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../../domain/errors.ts'
import { authorizedRequest } from '../../application/access/request-access.ts'
import { readKeyFeed, type KeyFeedDeps } from '../../application/feed/key-feed.ts'
import type { PublicKeyEvent } from '../../projections/feed/key-events.ts'
import { positionCursor } from './actions/key-events.ts'
import { resolveCall, type Dispatched, type Dispatcher, type RequestMeta } from './dispatch.ts'
import type { ApiRequest } from './wire/request.ts'
import { failure } from './wire/response.ts'

// The key-event feed as Server-Sent Events (docs/key-events.md "Server-Sent Events"): the signed ListKeyEvents
// request with `Stream=sse`, answered with a `text/event-stream` that never ends on its own. The request is
// resolved (signature, version, throttle) and admitted (`kms:ListKeyEvents`) exactly as the JSON call; then the
// same query (application/feed/key-feed.ts) is read page after page, each event filtered by the caller's
// `kms:DescribeKey` on its key as ListKeyEvents filters it. `id:` is the event's position, so a reconnecting
// client's `Last-Event-ID` is the feed's cursor.

export const STREAM_PARAM = 'Stream'
const ACTION = 'ListKeyEvents'

export interface EventStreamOptions {
  /** A comment (and the cursor) at least this often when nothing is shown, so proxies keep the connection (default 15 s). */
  readonly heartbeatMs?: number
  /**
   * A stream ends after this (default 10 min): the client reconnects with a new signature, so a disabled access key
   * or a changed identity policy takes effect within it.
   */
  readonly maxStreamMs?: number
}

export const DEFAULT_HEARTBEAT_MS = 15_000
export const DEFAULT_MAX_STREAM_MS = 10 * 60_000
/** How many events one read of the feed takes before they are written. */
const PAGE = 100

/** The streams open on one server: a drain ends them all, or they would hold it to its timeout. */
export class OpenStreams {
  private readonly open = new Set<AbortController>()
  private closed = false
  add(c: AbortController): void {
    if (this.closed) c.abort()
    else this.open.add(c)
  }
  delete(c: AbortController): void { this.open.delete(c) }
  endAll(): void {
    this.closed = true
    for (const c of this.open) c.abort()
  }
}

/**
 * Whether the request asks for the stream rather than a page: a GET naming `Stream` (validated by the stream).
 * A POST naming it reaches the ListKeyEvents handler, which refuses it: a stream is what EventSource and
 * `curl -N` send, a GET, and a POST client (an SDK) expects one JSON answer.
 */
export const wantsStream = (req: ApiRequest): boolean => req.method === 'GET' && req.params.has(STREAM_PARAM)

/** What a closed stream tells the server's log and metrics. */
export interface Streamed { readonly action: string; readonly accessKeyId: string; readonly events: number }

const eventMessage = (e: PublicKeyEvent): string => `id: ${e.position}\nevent: key-event\ndata: ${JSON.stringify(e)}\n\n`

/** The cursor where a stream starts: `Last-Event-ID` (a reconnecting client's) over the signed `After`. */
const startOf = (req: ApiRequest): E.Either<KmsError, number> => {
  const last = req.headers['last-event-id']
  return last !== undefined && last !== '' ? positionCursor(last, 'Last-Event-ID') : positionCursor(req.params.get('After'), 'After')
}

const writeOrWait = (res: ServerResponse, text: string, signal: AbortSignal): Promise<void> => {
  if (res.write(text) || signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      signal.removeEventListener('abort', done)
      resolve()
    }
    res.once('drain', done)
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * Answers a `Stream` request: a refusal as the API's JSON error (Left, for the server to send and log), or the
 * stream, Right once it has ended (the client left, the stream's time was up, or the server drains).
 */
export const streamKeyEvents = async (
  d: Dispatcher, req: ApiRequest, meta: RequestMeta, res: ServerResponse, streams: OpenStreams, o: EventStreamOptions = {},
): Promise<E.Either<Dispatched, Streamed>> => {
  const fail = (e: KmsError, extra: Partial<Dispatched> = {}): E.Either<Dispatched, never> =>
    E.left({ reply: failure(meta.requestId, d.services.deployment.hostId, e), ...extra })
  const resolved = await resolveCall(d, req, meta)
  if (E.isLeft(resolved)) return resolved
  const { action, accessKeyId, invocation } = resolved.right
  const who = { action, accessKeyId }
  if (action !== ACTION) return fail(invalidParameter(STREAM_PARAM, `Only ${ACTION} is offered as a stream.`), who)
  if (req.params.get(STREAM_PARAM) !== 'sse') return fail(invalidParameter(STREAM_PARAM, 'The only stream is "sse" (Server-Sent Events).'), who)
  const start = startOf(req)
  if (E.isLeft(start)) return fail(start.left, who)
  const heartbeatMs = o.heartbeatMs ?? DEFAULT_HEARTBEAT_MS
  const feed: KeyFeedDeps = { store: d.services.store, keys: d.services.keys, region: d.services.deployment.region }
  const answered = await authorizedRequest(d.services.access, action, invocation.caller, invocation.command, async (access) => {
    // The nonce is journalled before the first byte leaves, as for every answer (auth/nonce-journal.ts).
    d.verifier.settle()
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no',
      'x-acs-request-id': meta.requestId,
      // One stream per connection: once it ends the connection closes, so a drain never waits on a kept-alive socket.
      Connection: 'close',
    })
    const stop = new AbortController()
    const ended = () => stop.abort()
    const stopped = () => stop.signal.aborted // read after each await (a drain or the client may have ended it)
    streams.add(stop)
    res.once('close', ended)
    const lifetime = setTimeout(ended, o.maxStreamMs ?? DEFAULT_MAX_STREAM_MS)
    let cursor = start.right
    let shownCursor = cursor
    let lastWrite = Date.now()
    let events = 0
    try {
      await writeOrWait(res, `retry: 1000\n\n`, stop.signal)
      while (!stopped()) {
        const waitMs = Math.max(50, heartbeatMs - (Date.now() - lastWrite))
        const page = await readKeyFeed(feed, access, { after: cursor, limit: PAGE, waitMs, signal: stop.signal })
        if (stopped()) break
        for (const e of page.events) await writeOrWait(res, eventMessage(e), stop.signal)
        events += page.events.length
        cursor = page.next
        if (page.events.length > 0) {
          shownCursor = page.events[page.events.length - 1]!.position
          lastWrite = Date.now()
        }
        if (Date.now() - lastWrite >= heartbeatMs) {
          // A heartbeat carries the cursor past events the caller may not see: an `id:` with no data sets the
          // client's Last-Event-ID without dispatching an event (the SSE processing model).
          await writeOrWait(res, shownCursor === cursor ? ': heartbeat\n\n' : `: heartbeat\nid: ${cursor}\n\n`, stop.signal)
          shownCursor = cursor
          lastWrite = Date.now()
        }
      }
    } finally {
      clearTimeout(lifetime)
      res.off('close', ended)
      streams.delete(stop)
      res.end()
    }
    return E.right(events)
  }, invocation.facts)
  if (E.isLeft(answered.result)) return fail(answered.result.left, { ...who, ...(answered.denial ? { denial: answered.denial } : {}) })
  return E.right({ ...who, events: answered.result.right })
}
