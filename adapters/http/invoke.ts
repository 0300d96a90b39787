import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../../domain/errors.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import { acceptsClientToken, CLIENT_TOKEN, IDEMPOTENCY_HEADER, operationOf, wireParameters } from '../../domain/operations/catalogue.ts'
import { authorizedRequest } from '../../application/access/request-access.ts'
import type { RequestFacts } from '../../application/access/condition-context.ts'
import { checkClientToken, fingerprintOf } from '../../application/idempotency.ts'
import type { CallerIdentity } from '../../application/crypto/call.ts'
import type { ActionHandler, ApiServices, Caller } from './actions/action.ts'
import type { Params } from './wire/params.ts'

// One action, once the caller is known: the path every call takes after authentication, the signed HTTP request
// (dispatch.ts) and the embedded engine's call (composition/embedded.ts) alike, so both get the same
// authorization (docs/architecture.md §7), the same audit records, read-your-writes (§6) and idempotent writes.

export interface Invocation {
  readonly action: string
  readonly params: Params
  readonly caller: Caller
  readonly callerHeaders: CallerIdentity
  readonly command: CommandContext
  /** The `x-keyledger-idempotency-key` header's value, when the client sent one. */
  readonly idempotencyKey?: string | undefined
  /** What the transport knows for the policies' conditions (source IP is on the caller). */
  readonly facts?: RequestFacts
}

export interface Invoked {
  readonly result: E.Either<KmsError, Record<string, unknown>>
  /** The answer's RequestId: this request's, or the first request's when a client token replays its answer. */
  readonly requestId: string
  /** Why authorization refused (statements, principals): logged for operators, never sent to the caller. */
  readonly denial?: string
  /** The read models did not reach the request's writes before the answer (the write stands). */
  readonly readLag?: { readonly position: number; readonly wait: 'timeout' | 'failed' }
}

/** The client token of a writing call: the parameter or the header; both given and different is refused. */
const clientTokenOf = (inv: Invocation): E.Either<KmsError, string | undefined> => {
  const p = inv.params.get(CLIENT_TOKEN)
  const h = inv.idempotencyKey
  if (p !== undefined && h !== undefined && p !== h) return E.left(invalidParameter(CLIENT_TOKEN, `The ${CLIENT_TOKEN} parameter and the ${IDEMPOTENCY_HEADER} header differ.`))
  const token = p ?? h
  return token === undefined ? E.right(undefined) : checkClientToken(p !== undefined ? CLIENT_TOKEN : IDEMPOTENCY_HEADER, token)
}

/** The declared parameters but the token: what a retry must repeat to be "the same call". */
const declaredParams = (action: string, params: Params): Map<string, string> => {
  const op = operationOf(action)
  if (!op) return new Map()
  const { required, optional } = wireParameters(op)
  return new Map([...required, ...optional].filter((n) => n !== CLIENT_TOKEN && params.has(n)).map((n) => [n, params.get(n)!]))
}

export const invokeAction = async (services: ApiServices, handler: ActionHandler, inv: Invocation): Promise<Invoked> => {
  const requestId = inv.command.requestId
  const op = operationOf(inv.action)
  const token = op && acceptsClientToken(op) ? clientTokenOf(inv) : E.right(undefined)
  if (E.isLeft(token)) return { result: token, requestId }
  let extra: Pick<Invoked, 'denial' | 'readLag'> = {}
  const once = async (): Promise<E.Either<KmsError, Record<string, unknown>>> => {
    // Authorization (docs/architecture.md §7) is the application's: the handlers only decode and encode.
    const answered = await authorizedRequest(services.access, inv.action, inv.caller, inv.command, async (access) => {
      const ctx = { action: inv.action, params: inv.params, caller: inv.caller, callerHeaders: inv.callerHeaders, requestId, command: inv.command, access }
      // Read-your-writes (docs/architecture.md §6): the answer leaves once the views passed every position this
      // request's appends reached, so a ListKeys sent after CreateKey's answer sees the key. On timeout (or a
      // failed runner) the answer goes anyway, logged: the events are stored, and an error would make a client
      // retry a command that took effect (a second CreateKey is a second key).
      const { value: result, position } = await services.readModels.track(requestId, () => handler(ctx, services))
      const wait = position > 0 ? await services.readModels.waitFor(position) : 'reached'
      if (wait !== 'reached') extra = { ...extra, readLag: { position, wait } }
      return result
    }, inv.facts)
    if (answered.denial) extra = { ...extra, denial: answered.denial }
    return answered.result
  }
  if (token.right === undefined) return { result: await once(), requestId, ...extra }
  // A retry of an answered token returns the first answer and runs nothing: no event, no usage record.
  const ran = await services.idempotency.run({
    owner: { accountId: inv.caller.accountId, principal: inv.caller.principal }, token: token.right,
    fingerprint: fingerprintOf(inv.action, declaredParams(inv.action, inv.params)), requestId, now: inv.command.now,
  }, once)
  return { ...ran, ...extra }
}
