import * as E from 'fp-ts/lib/Either.js'
import { missingParameter, type KmsError } from '../../../domain/errors.ts'
import { wireParameters, type Operation } from '../../../domain/operations/catalogue.ts'
import type { Params } from './params.ts'

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
