import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { type KmsError } from '../../../domain/errors.ts';
import type { Params } from './params.ts';
export type Decoded<A> = E.Either<KmsError, A>;
export declare const requiredString: (p: Params, name: string) => Decoded<string>;
export declare const optionalString: (p: Params, name: string) => Decoded<string | undefined>;
export declare const optionalBoolean: (p: Params, name: string) => Decoded<boolean | undefined>;
/** One of an enumeration's values (an io-ts keyof codec: its own keys only); `fallback` when absent or empty. */
export declare const optionalEnum: <A extends string, const F extends A | null | undefined>(p: Params, name: string, codec: t.Type<A, unknown>, fallback: F) => Decoded<A | F>;
export declare const requiredBoolean: (p: Params, name: string) => Decoded<boolean>;
/** A whole number within bounds; `fallback` when absent. */
export declare const integerIn: (p: Params, name: string, min: number, max: number, fallback: number) => Decoded<number>;
/** PageNumber ≥ 1 and PageSize 1–100 (API reference §6.9: PageSize ≤ 100; default 10). */
export declare const paging: (p: Params) => Decoded<{
    pageNumber: number;
    pageSize: number;
}>;
/** `Name.1`, `Name.2`, … (repeat lists, API reference §2.2): consecutive from 1, at most `max`. */
export declare const repeatList: (p: Params, name: string, max: number) => Decoded<string[]>;
/**
 * The indexes N of every `Name.N<rest>` parameter, checked to run 1, 2, … without gaps, so a list is never
 * silently cut short. `shape` matches what follows `Name.` and captures N.
 */
export declare const indexesOf: (p: Params, name: string, shape: RegExp) => Decoded<number[]>;
