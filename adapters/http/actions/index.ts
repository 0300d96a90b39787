import * as E from 'fp-ts/lib/Either.js'
import { missingParameter, type KmsError } from '../../../domain/errors.ts'
import { API_OPERATIONS, wireParameters, type Operation } from '../../../domain/operations/catalogue.ts'
import type { ActionHandler, ActionTable } from './action.ts'
import { aliasActions } from './aliases.ts'
import { cryptoActions } from './crypto.ts'
import { ledgerActions } from './ledger.ts'
import { auditLogActions } from './audit-log.ts'
import { keyEventActions } from './key-events.ts'
import { keyActions } from './keys.ts'
import { policyActions } from './policy.ts'
import { serviceActions } from './service.ts'
import { tagActions } from './tags.ts'
import { versionActions } from './versions.ts'
import type { Params } from '../wire/params.ts'

export * from './action.ts'

/**
 * Every management action this server answers. Crypto actions come from their own table; the composition root
 * merges tables (`{ ...lifecycleActions, ...cryptoActions }`), and an action missing from the merged table is
 * answered `InvalidAction.NotFound`.
 */
export const lifecycleActions: ActionTable = {
  ...keyActions,
  ...versionActions,
  ...aliasActions,
  ...tagActions,
  ...policyActions,
  ...serviceActions,
}

/** An operation's handler behind the decoder made from its declared wire schema (wire/operation-params.ts). */
const declared = (op: Operation, handler: ActionHandler): ActionHandler => async (ctx, s) => {
  const wire = decodeOperationParams(op, ctx.params)
  return E.isLeft(wire) ? wire : handler(ctx, s)
}

/**
 * What the server answers: one entry per operation of the catalogue (domain/operations/catalogue.ts), each behind
 * its wire schema. An operation without a handler is a start-up error, never a silent 404.
 */
/** Every handler, by action name: the tables of the handler files together (the specs compare them with the catalogue). */
export const actionHandlers: ActionTable = { ...lifecycleActions, ...cryptoActions, ...ledgerActions, ...auditLogActions, ...keyEventActions }

export const servedActions = (): ActionTable => {
  const handlers = actionHandlers
  return Object.fromEntries(API_OPERATIONS.map((op) => {
    const handler = Object.hasOwn(handlers, op.name) ? handlers[op.name] : undefined
    if (!handler) throw new Error(`${op.name} is declared in the catalogue of operations but has no handler`)
    return [op.name, declared(op, handler)]
  }))
}

/**
 * The decoder made from an operation's declared wire schema (domain/operations/catalogue.ts): the declared
 * parameters are read off the request and decoded with the operation's io-ts codec; the first required one that
 * is absent (declaration order) is the API's MissingParameter. The handler then turns the values into the
 * domain's (Base64, JSON, numbers) and names any bad one.
 */
export const decodeOperationParams = (op: Operation, params: Params): E.Either<KmsError, Record<string, unknown>> => {
  const { required, optional } = wireParameters(op)
  const declared = [...required, ...optional]
  const given = Object.fromEntries(declared.flatMap((name) => {
    const v = params.get(name)
    return v === undefined ? [] : [[name, v]]
  }))
  const decoded = op.wire.decode(given)
  if (E.isRight(decoded)) return decoded
  const names = decoded.left.flatMap((e) => e.context.map((c) => c.key)).filter((k) => declared.includes(k))
  return E.left(missingParameter(names[0] ?? required[0] ?? op.name))
}
