import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import type { Logger } from 'pino'
import type { KmsError } from '../../domain/errors.ts'
import { consoleRoute } from '../console/static-route.ts'
import { dispatch, type Dispatcher, type RequestMeta } from './dispatch.ts'
import { OpenStreams, streamKeyEvents, wantsStream } from './key-event-stream.ts'
import { isStorageFault, storageUnavailable } from './storage-fault.ts'
import { capConnections, type ConnectionCaps } from './connection-cap.ts'
import { answerHealth, HEALTH_PATHS, type ReadinessChecks } from './health.ts'
import { answerMetrics, ApiMetrics, type MetricsAccess } from './metrics.ts'
import type { Registry } from 'prom-client'
import { bodyTooLarge, parseFailure, requestTimedOut, unsupportedMethod } from './wire/codes.ts'
import { toApiRequest } from './wire/request.ts'
import { CONTENT_TYPE, failure, type Reply } from './wire/response.ts'

// node:http rather than fastify: the API is one route, the ACS3 signature needs the raw body bytes, and every
// answer — an oversized body, a bad Content-Length, a malformed request line — must be this API's JSON error
// shape. With fastify each of those is a default parser or an FST_ERR_* reply to override; here they are a few
// lines each and nothing answers in a shape the SDKs cannot read.

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

export interface ApiServerOptions extends Dispatcher, ConnectionCaps {
  readonly logger: Logger
  readonly maxBodyBytes?: number
  /** The whole request must arrive within this (default 30 s), its headers within `headersTimeoutMs` (20 s); else 408. */
  readonly requestTimeoutMs?: number
  readonly headersTimeoutMs?: number
  /** What GET /readyz checks (health.ts); without it only /healthz answers ok and /readyz has no check. */
  readonly readiness?: ReadinessChecks
  /** PEM certificate chain and private key: HTTPS instead of HTTP (docs/config.md "TLS"). */
  readonly tls?: TlsFiles
  /** How long a stop waits for in-flight requests before it cuts the connections left (default 10 s; docs/operations.md "Drain"). */
  readonly drainTimeoutMs?: number
  /** Who may GET /metrics (metrics.ts): loopback callers only by default. */
  readonly metrics?: MetricsAccess
  /** Where the counters go; made here when not given (composition may share it with other collectors). */
  readonly apiMetrics?: ApiMetrics
  /** The service's registry (adapters/service-metrics.ts): the API's metrics join it, one scrape shows both. */
  readonly metricsRegistry?: Registry
  /** The key-event stream's heartbeat interval and longest life (key-event-stream.ts; docs/key-events.md). */
  readonly sseHeartbeatMs?: number
  readonly sseMaxStreamMs?: number
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000

/** A request that arrives while the server drains (docs/operations.md "Drain"): an SDK retries a 503 elsewhere. */
export const drainingRefusal = (): KmsError => ({
  code: 'ServiceUnavailableTemporary', httpStatus: 503,
  message: 'The service is shutting down; retry on another node or after it restarts.',
})

/** What `listen(…).close()` needs of the server it made: start refusing, and the bound on the wait. */
interface Drain { begin(): void; readonly timeoutMs: number }
const drains = new WeakMap<Server, Drain>()

export interface TlsFiles { readonly cert: Buffer; readonly key: Buffer }

/** Written straight on the socket: for requests Node's parser refused and connections over a cap (never read). */
const rawReply = (socket: Socket, reply: Reply, requestId: string, reason: string): void => {
  const body = JSON.stringify(reply.body)
  socket.end(`HTTP/1.1 ${reply.status} ${reason}\r\nContent-Type: ${CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nx-acs-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`)
}

const headerMap = (req: IncomingMessage): Record<string, string | undefined> => {
  // Node joins a repeated header with ", " itself, except set-cookie (an array): without one, no copy is needed.
  if (req.headers['set-cookie'] === undefined) return req.headers as Record<string, string | undefined>
  const out: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value
  return out
}

const send = (res: ServerResponse, reply: Reply, requestId: string, close = false): void => {
  const body = JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'x-acs-request-id': requestId,
    ...(close ? { Connection: 'close' } : {}),
  })
  res.end(body)
}

/** Reads the body up to the limit; Left when it is larger (the rest is not read). */
const readBody = (req: IncomingMessage, limit: number): Promise<E.Either<KmsError, Buffer> | undefined> =>
  new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) return resolve(E.left(bodyTooLarge(limit)))
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.pause()
        resolve(E.left(bodyTooLarge(limit)))
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(E.right(Buffer.concat(chunks))))
    req.on('error', () => resolve(undefined)) // the client went away: nobody to answer
  })

export const createApiServer = (o: ApiServerOptions): Server => {
  const limit = o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const hostId = o.services.deployment.hostId
  const log = o.logger
  const serveConsole = consoleRoute() // the web console's static files at /console (docs/console.md)
  // Set by a stop: requests already started are answered (and audited) with Connection: close; those that start
  // later are read, then refused with 503, and their connection closed (docs/operations.md "Drain").
  let draining = false
  const metrics = o.apiMetrics ?? new ApiMetrics((action) => Object.hasOwn(o.actions, action), o.metricsRegistry)
  const metricsAccess = o.metrics ?? 'loopback'
  // Key-event streams never end on their own: a drain ends them, or they would hold it to its timeout.
  const streams = new OpenStreams()
  const streamOptions = { ...(o.sseHeartbeatMs ? { heartbeatMs: o.sseHeartbeatMs } : {}), ...(o.sseMaxStreamMs ? { maxStreamMs: o.sseMaxStreamMs } : {}) }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint()
    const requestId = o.services.ids.requestId()
    const refused = draining
    type Extra = { action?: string; accessKeyId?: string; denial?: string; fault?: unknown; readLag?: { position: number; wait: string } }
    // The nonces accepted so far are journalled before an answer leaves (auth/nonce-journal.ts): the answer waits
    // for the journal's write at the end of this turn, which it shares with the other answers of the turn.
    const finish = (reply: Reply, extra: Extra = {}, close = false) => o.verifier.whenSettled((fault) => {
      if (fault === undefined) answer(reply, extra, close)
      else answer(failure(requestId, hostId, { code: 'InternalFailure', httpStatus: 500, message: 'The request processing has failed due to some unknown error.' }), { ...extra, fault }, true)
    })
    const answer = (reply: Reply, extra: Extra, close: boolean) => {
      send(res, reply, requestId, close || draining)
      const code = reply.status >= 400 ? (reply.body['Code'] as string) : undefined
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      metrics.observe(extra.action, code ?? String(reply.status), ms / 1000)
      const entry = {
        requestId, action: extra.action, accessKeyId: extra.accessKeyId, status: reply.status, code,
        ...(extra.denial ? { denial: extra.denial } : {}),
        ms,
      }
      // Never parameters, bodies or headers: they may carry plaintext, key material or signatures.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error: String() is all there is to log
      if (extra.fault) log.error({ ...entry, err: extra.fault instanceof Error ? { message: extra.fault.message, stack: extra.fault.stack } : String(extra.fault), ...(reply.internalMessage ? { internal: reply.internalMessage } : {}) }, `${code}: request ${requestId} failed inside the server (the caller got a generic answer); err says why. If it repeats, check the store, vault and tokens named there`)
      else if (reply.internalMessage !== undefined) log.error({ ...entry, internal: reply.internalMessage }, `${code}: request ${requestId} failed inside the server (the caller got a generic answer); internal says why. If it repeats, check the store, vault and tokens named there`)
      else log.info(entry, 'request')
      if (extra.readLag) log.warn({ requestId, action: extra.action, ...extra.readLag }, 'answered before the read models reached the request\'s writes')
    }
    if (serveConsole(req, res)) return
    const method = req.method ?? ''
    if (method === 'GET' && HEALTH_PATHS.has(req.url ?? '')) return answerHealth(req.url!, o.readiness ?? {}, res)
    if (method === 'GET' && req.url === '/metrics') return answerMetrics(metrics, metricsAccess, req, res)
    if (method !== 'POST' && method !== 'GET') return finish(failure(requestId, hostId, unsupportedMethod(method)), {}, true)
    const body = await readBody(req, limit)
    if (body === undefined) return
    if (E.isLeft(body)) return finish(failure(requestId, hostId, body.left), {}, true)
    if (refused) return finish(failure(requestId, hostId, drainingRefusal()), {}, true)
    const apiRequest = toApiRequest(method, req.url ?? '/', headerMap(req), body.right)
    if (E.isLeft(apiRequest)) return finish(failure(requestId, hostId, apiRequest.left))
    const ua = req.headers['user-agent']
    const meta: RequestMeta = {
      requestId, ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}), ...(ua ? { userAgent: ua } : {}),
      secureTransport: (req.socket as { encrypted?: boolean }).encrypted === true,
    }
    if (wantsStream(apiRequest.right)) {
      const streamed = await streamKeyEvents(o, apiRequest.right, meta, res, streams, streamOptions)
      if (E.isLeft(streamed)) return finish(streamed.left.reply, streamed.left)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      metrics.observe(streamed.right.action, '200', ms / 1000)
      log.info({ requestId, ...streamed.right, status: 200, stream: 'sse', ms }, 'event stream closed')
      return
    }
    const d = await dispatch(o, apiRequest.right, meta)
    finish(d.reply, d)
  }

  const requestTimeout = o.requestTimeoutMs ?? 30_000
  const headersTimeout = Math.min(o.headersTimeoutMs ?? 20_000, requestTimeout)
  const options = {
    maxHeaderSize: 16 * 1024, requestTimeout, headersTimeout,
    // How often Node looks for requests past their timeout (its default, 30 s, would let one run 60 s).
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 4))),
  }
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((fault: unknown) => {
      // The disk refused a write (the nonce journal, the usage record): the storage's trouble, not a bug.
      if (isStorageFault(fault)) {
        log.error({ code: 'ServiceUnavailableTemporary', err: fault instanceof Error ? fault.message : String(fault)},
          'ServiceUnavailableTemporary: the data dir refused a write (full, read-only or failing disk); answered 503, served again once it accepts writes')
        if (!res.headersSent) send(res, failure(o.services.ids.requestId(), hostId, storageUnavailable(fault)), '', true)
        return
      }
      log.error({ code: 'InternalFailure', err: fault instanceof Error ? fault.message : String(fault) }, 'InternalFailure: request handling failed before an answer; err says why (a bug: report it with this line)')
      o.verifier.settle()
      if (!res.headersSent) send(res, failure(o.services.ids.requestId(), hostId, { code: 'InternalFailure', httpStatus: 500, message: 'The request processing has failed due to some unknown error.' }), '', true)
    })
  }
  // TLS 1.2 at least (Node's default minimum); the certificate can be swapped while serving (setSecureContext).
  const server: Server = o.tls ? createTlsServer({ ...options, cert: o.tls.cert, key: o.tls.key, minVersion: 'TLSv1.2' }, onRequest) : createServer(options, onRequest)

  // Requests Node's parser cannot read (bad request line, header overflow, bad chunking) still get a JSON 4xx.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy()
    const requestId = o.services.ids.requestId()
    const [e, reason]: [KmsError, string] = err.code === 'HPE_HEADER_OVERFLOW'
      ? [{ code: 'RequestHeaderFieldsTooLarge', httpStatus: 431, message: 'The request line or headers are too large.' }, 'Request Header Fields Too Large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [requestTimedOut(Math.round(requestTimeout / 1000)), 'Request Timeout']
        : [parseFailure('The HTTP request could not be parsed.'), 'Bad Request']
    rawReply(socket, failure(requestId, hostId, e), requestId, reason)
    log.info({ requestId, status: e.httpStatus, code: e.code }, 'unparsable request')
  })
  capConnections(server, o, (socket, e) => {
    const requestId = o.services.ids.requestId()
    rawReply(socket, failure(requestId, hostId, e), requestId, e.httpStatus === 429 ? 'Too Many Requests' : 'Service Unavailable')
    log.warn({ requestId, status: e.httpStatus, code: e.code, ip: socket.remoteAddress }, 'connection refused: over the cap')
  })
  drains.set(server, {
    begin: () => {
      draining = true
      streams.endAll()
    },
    timeoutMs: o.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS })
  return server
}

export interface ListeningApi {
  readonly server: Server
  readonly host: string
  readonly port: number
  readonly url: string
  /**
   * Drains: stops accepting connections, closes idle ones, answers the requests in flight (later ones get 503),
   * and after the drain timeout cuts whatever is still open. Resolves once no connection is left.
   */
  close(): Promise<void>
}

export const listen = (server: Server, host: string, port: number): Promise<ListeningApi> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const a = server.address() as AddressInfo
      const shownHost = a.family === 'IPv6' ? `[${a.address}]` : a.address
      const scheme = 'setSecureContext' in server ? 'https' : 'http'
      resolve({
        server, host: a.address, port: a.port, url: `${scheme}://${shownHost}:${a.port}`,
        close: () => new Promise<void>((done) => {
          const drain = drains.get(server)
          drain?.begin()
          const cut = setTimeout(() => server.closeAllConnections(), drain?.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS)
          server.close(() => {
            clearTimeout(cut)
            done()
          })
          server.closeIdleConnections()
        }),
      })
    })
  })
