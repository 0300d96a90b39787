import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { invalidParameter, type KmsError } from '../errors.ts'

/**
 * Decodes an input with a codec and turns a failure into the API's `InvalidParameter` naming the field,
 * so that no boundary ever throws or leaks an io-ts report to a caller.
 */
export const decodeParam = <A, O>(codec: t.Type<A, O>, name: string) =>
  (input: unknown): E.Either<KmsError, A> =>
    pipe(
      codec.decode(input),
      E.mapLeft((errors) => invalidParameter(name, firstMessage(errors)))
    )

const firstMessage = (errors: t.Errors): string | undefined => errors.find((e) => e.message)?.message

/** A refinement of string with a message that explains the rule when it fails. */
export const refinedString = <B extends { readonly [K in N]: symbol }, N extends string>(
  name: N,
  ok: (s: string) => boolean,
  rule: string
): t.Type<t.Branded<string, B>, string> =>
  new t.Type<t.Branded<string, B>, string, unknown>(
    name,
    (u): u is t.Branded<string, B> => typeof u === 'string' && ok(u),
    (u, c) => (typeof u === 'string' && ok(u) ? t.success(u as t.Branded<string, B>) : t.failure(u, c, rule)),
    (a) => a
  )
