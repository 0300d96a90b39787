import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
/**
 * Decodes an input with a codec and turns a failure into the API's `InvalidParameter` naming the field,
 * so that no boundary ever throws or leaks an io-ts report to a caller.
 */
export declare const decodeParam: <A, O>(codec: t.Type<A, O>, name: string) => (input: unknown) => E.Either<KmsError, A>;
/** A refinement of string with a message that explains the rule when it fails. */
export declare const refinedString: <B extends { readonly [K in N]: symbol; }, N extends string>(name: N, ok: (s: string) => boolean, rule: string) => t.Type<t.Branded<string, B>, string>;
