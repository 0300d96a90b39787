import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidParameter } from "../errors.js";
/**
 * Decodes an input with a codec and turns a failure into the API's `InvalidParameter` naming the field,
 * so that no boundary ever throws or leaks an io-ts report to a caller.
 */
export const decodeParam = (codec, name) => (input) => pipe(codec.decode(input), E.mapLeft((errors) => invalidParameter(name, firstMessage(errors))));
const firstMessage = (errors) => errors.find((e) => e.message)?.message;
/** A refinement of string with a message that explains the rule when it fails. */
export const refinedString = (name, ok, rule) => new t.Type(name, (u) => typeof u === 'string' && ok(u), (u, c) => (typeof u === 'string' && ok(u) ? t.success(u) : t.failure(u, c, rule)), (a) => a);
