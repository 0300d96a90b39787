import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../../domain/errors.ts';
import { type Operation } from '../../../domain/operations/catalogue.ts';
import type { ActionTable } from './action.ts';
import type { Params } from '../wire/params.ts';
export * from './action.ts';
/**
 * Every management action this server answers. Crypto actions come from their own table; the composition root
 * merges tables (`{ ...lifecycleActions, ...cryptoActions }`), and an action missing from the merged table is
 * answered `InvalidAction.NotFound`.
 */
export declare const lifecycleActions: ActionTable;
/**
 * What the server answers: one entry per operation of the catalogue (domain/operations/catalogue.ts), each behind
 * its wire schema. An operation without a handler is a start-up error, never a silent 404.
 */
export declare const servedActions: () => ActionTable;
/**
 * The decoder made from an operation's declared wire schema (domain/operations/catalogue.ts): the declared
 * parameters are read off the request and decoded with the operation's io-ts codec; the first required one that
 * is absent (declaration order) is the API's MissingParameter. The handler then turns the values into the
 * domain's (Base64, JSON, numbers) and names any bad one.
 */
export declare const decodeOperationParams: (op: Operation, params: Params) => E.Either<KmsError, Record<string, unknown>>;
