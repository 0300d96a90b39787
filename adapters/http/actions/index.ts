import * as E from 'fp-ts/lib/Either.js'
import { API_OPERATIONS, type Operation } from '../../../domain/operations/catalogue.ts'
import { decodeOperationParams } from '../wire/operation-params.ts'
import type { ActionHandler, ActionTable } from './action.ts'
import { aliasActions } from './aliases.ts'
import { cryptoActions } from './crypto.ts'
import { ledgerActions } from './ledger.ts'
import { keyActions } from './keys.ts'
import { policyActions } from './policy.ts'
import { serviceActions } from './service.ts'
import { tagActions } from './tags.ts'
import { versionActions } from './versions.ts'

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
export const servedActions = (): ActionTable => {
  const handlers: ActionTable = { ...lifecycleActions, ...cryptoActions, ...ledgerActions }
  return Object.fromEntries(API_OPERATIONS.map((op) => {
    const handler = Object.hasOwn(handlers, op.name) ? handlers[op.name] : undefined
    if (!handler) throw new Error(`${op.name} is declared in the catalogue of operations but has no handler`)
    return [op.name, declared(op, handler)]
  }))
}
