import * as E from 'fp-ts/lib/Either.js'
import { internalFailure, invalidParameter, missingParameter, type KmsError } from '../../domain/errors.ts'
import { isStorageFault, storageUnavailable } from './storage-fault.ts'
import type { Clock } from '../../domain/ports/clock.ts'
import { IDEMPOTENCY_HEADER } from '../../domain/operations/catalogue.ts'
import { invokeAction, type Invocation } from './invoke.ts'
import type { ActionHandler, ActionTable, ApiServices } from './actions/action.ts'
import type { RequestVerifier } from './auth/verifier.ts'
import { actionNotFound, pathNotFound } from './wire/codes.ts'
import { encryptionContext as wireContext } from './wire/structured.ts'
import type { ApiRequest } from './wire/request.ts'
import { failure, success, type Reply } from './wire/response.ts'
import { throttled, type RequestThrottle } from './throttle.ts'

export const API_VERSION = '2016-01-20'

export interface Dispatcher {
  readonly services: ApiServices
  readonly actions: ActionTable
  readonly verifier: RequestVerifier
  readonly clock: Clock
  /** Per account and action group (throttle.ts); none: unthrottled. */
  readonly throttle?: RequestThrottle
}

export interface RequestMeta {
  readonly requestId: string
  readonly sourceIp?: string
  readonly userAgent?: string
  /** Whether the request came over TLS (the `acs:SecureTransport` condition key). */
  readonly secureTransport?: boolean
}

export interface Dispatched {
  readonly reply: Reply
  readonly action?: string
  readonly accessKeyId?: string
  /** Why authorization refused (statements, principals): logged for operators, never sent to the caller. */
  readonly denial?: string
  /** Set when a handler threw: logged by the server, never sent to the caller. */
  readonly fault?: unknown
  /**
   * Set when the read models did not reach the request's writes before the answer (timeout, or the runner
   * failed): logged by the server. The write stands, so the answer is still the command's own.
   */
  readonly readLag?: { readonly position: number; readonly wait: 'timeout' | 'failed' }
}

/**
 * One name from a parameter (RPC) or a header (ACS3); both given and different is refused, never guessed.
 * RPC v1 signs no header, so under it only the (signed) parameter counts: an unsigned x-acs-action must not
 * choose what a signed request does.
 */
const fromParamOrHeader = (req: ApiRequest, scheme: 'rpc-v1' | 'acs3', param: string, header: string): E.Either<KmsError, string> => {
  const p = req.params.get(param)
  const h = req.headers[header]
  if (p !== undefined && h !== undefined && p !== h) return E.left(invalidParameter(param, `The ${param} parameter and the ${header} header differ.`))
  const v = scheme === 'rpc-v1' ? p : p ?? h
  return v === undefined || v === '' ? E.left(missingParameter(param)) : E.right(v)
}

/** A signed request whose caller, version and action are known, ready to be authorized and run (or streamed). */
export interface ResolvedCall {
  readonly action: string
  readonly handler: ActionHandler
  readonly invocation: Invocation
  readonly accessKeyId: string
}

/**
 * Path, authentication, version, format, action and throttle: everything before authorization. Left is the
 * refusal to answer. The streamed feed (key-event-stream.ts) takes the same steps, so a stream is signed,
 * versioned and throttled exactly like the call it streams.
 */
export const resolveCall = async (d: Dispatcher, req: ApiRequest, meta: RequestMeta): Promise<E.Either<Dispatched, ResolvedCall>> => {
  const hostId = d.services.deployment.hostId
  const fail = (e: KmsError, extra: Partial<Dispatched> = {}): E.Either<Dispatched, never> => E.left({ reply: failure(meta.requestId, hostId, e), ...extra })
  if (req.path !== '/') return fail(pathNotFound())
  const auth = await d.verifier.verify(req)
  if (E.isLeft(auth)) return fail(auth.left)
  const accessKey = auth.right.accessKey
  const who = { accessKeyId: accessKey.accessKeyId }
  const version = fromParamOrHeader(req, auth.right.scheme, 'Version', 'x-acs-version')
  if (E.isLeft(version)) return fail(version.left, who)
  if (version.right !== API_VERSION) return fail(invalidParameter('Version', `This service speaks ${API_VERSION}.`), who)
  const format = req.params.get('Format')
  if (format !== undefined && format.toLowerCase() !== 'json') return fail(invalidParameter('Format', 'Only JSON replies are offered.'), who)
  const action = fromParamOrHeader(req, auth.right.scheme, 'Action', 'x-acs-action')
  if (E.isLeft(action)) return fail(action.left, who)
  const handler = Object.hasOwn(d.actions, action.right) ? d.actions[action.right] : undefined
  if (!handler) return fail(actionNotFound(action.right), who)
  if (d.throttle) {
    // Synchronous unless a worker of `serve --workers` must lease tokens from the primary (adapters/cluster).
    const taken = d.throttle.take(accessKey.accountId, action.right)
    if (!(typeof taken === 'boolean' ? taken : await taken)) return fail(throttled(), { ...who, action: action.right })
  }
  const now = d.clock.now()
  const caller = { accessKeyId: accessKey.accessKeyId, principal: accessKey.principal, accountId: accessKey.accountId }
  // Only signed labels count (issue 13, finding 6): ACS3 must sign every x-acs-* header (verifier.ts), RPC v1 signs
  // no header at all, so on RPC v1 anyone on the path could forge the association labels the owner audits.
  const signedHeaders = auth.right.scheme === 'acs3'
    ? { service: req.headers['x-acs-caller-service'], resource: req.headers['x-acs-caller-resource'] }
    : {}
  // S-1.1/S-10: a cloud service calling with its own (service role) access key is that service, whatever it signs.
  const asService = d.services.deployment.serviceOf(accessKey.principal)
  const callerHeaders = asService === undefined ? signedHeaders : { ...signedHeaders, service: asService }
  const command = {
    principal: accessKey.principal, requestId: meta.requestId, now,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 256) } : {}),
  }
  return E.right({
    action: action.right, handler, accessKeyId: accessKey.accessKeyId,
    invocation: {
      action: action.right, params: req.params, caller, callerHeaders, command, idempotencyKey: req.headers[IDEMPOTENCY_HEADER],
      facts: {
        // For the policies' conditions (application/access/condition-context.ts): facts only, nothing decided here.
        secureTransport: meta.secureTransport ?? false,
        ...(callerHeaders.service ? { viaService: callerHeaders.service } : {}),
        param: (name) => req.params.get(name),
        encryptionContext: (name) => E.getOrElseW(() => undefined)(wireContext(req.params, name)),
      },
    },
  })
}

/**
 * The API after the bytes are read: the call resolved (resolveCall), then the action's handler.
 * Every outcome is a Reply; a handler that throws is a 500 InternalFailure with no detail for the caller.
 */
export const dispatch = async (d: Dispatcher, req: ApiRequest, meta: RequestMeta): Promise<Dispatched> => {
  const hostId = d.services.deployment.hostId
  const fail = (e: KmsError, extra: Partial<Dispatched> = {}): Dispatched => ({ reply: failure(meta.requestId, hostId, e), ...extra })
  const resolved = await resolveCall(d, req, meta)
  if (E.isLeft(resolved)) return resolved.left
  const { handler, invocation } = resolved.right
  const extra = { action: resolved.right.action, accessKeyId: resolved.right.accessKeyId }
  try {
    const invoked = await invokeAction(d.services, handler, invocation)
    const lag: Partial<Dispatched> = invoked.readLag ? { readLag: invoked.readLag } : {}
    if (E.isLeft(invoked.result)) {
      // An InternalFailure whose cause is the disk (full, read-only, I/O error) is the storage's: 503, retry.
      const left = invoked.result.left
      const storage = left.code === 'InternalFailure' && isStorageFault(left.message)
      return { ...fail(storage ? storageUnavailable(left.message) : left, { ...extra, ...(storage ? { fault: new Error(left.message) } : {}), ...(invoked.denial ? { denial: invoked.denial } : {}) }), ...lag }
    }
    return { reply: success(invoked.requestId, invoked.result.right), ...extra, ...lag }
  } catch (fault) {
    if (isStorageFault(fault)) return fail(storageUnavailable(fault), { ...extra, fault })
    return fail(internalFailure('The request processing has failed due to some unknown error.'), { ...extra, fault })
  }
}
