import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { AccessControl } from './access-control.ts'
import type { Caller, RequestAccess } from './request-access.ts'

/** What a request's authorization ended in: the use case's answer, and why it was refused (for the operator's log). */
export interface Authorized<A> {
  readonly result: E.Either<KmsError, A>
  /** Why authorization refused (statements, principals): logged for operators, never sent to the caller. */
  readonly denial?: string
}

/**
 * Runs one request's use case under its authorization (docs/architecture.md §7): an account-level action is
 * decided before it runs; a key action is decided by the key-access step as each key is resolved; a key action
 * that succeeded without any key check is a wiring bug and throws, never answers. The wire layer only calls this.
 */
export const authorizedRequest = async <A>(
  control: AccessControl, action: string, caller: Caller, command: CommandContext,
  run: (access: RequestAccess) => Promise<E.Either<KmsError, A>>,
): Promise<Authorized<A>> => {
  const access = control.forRequest(action, caller, command)
  const denial = () => (access.denialReason ? { denial: access.denialReason } : {})
  const admitted = access.admit()
  if (E.isLeft(admitted)) return { result: admitted, ...denial() }
  const result = await run(access)
  if (E.isLeft(result)) return { result, ...denial() }
  if (!access.settled()) throw new Error(`${action} succeeded without an authorization check on its key`)
  return { result }
}
