import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../../../domain/errors.ts';
/** Request parameters by wire name, decoded. A Map, so that names like `__proto__` are plain data. */
export type Params = ReadonlyMap<string, string>;
export declare const MAX_PARAMS = 256;
/**
 * Parses `a=1&b=2` (a query string or a form body) into ordered pairs. Raw bytes outside printable ASCII are
 * refused: a conforming client percent-encodes them, and accepting them would let two byte strings decode to
 * one parameter set.
 */
export declare const parsePairs: (text: string, where: "query" | "body") => E.Either<KmsError, [string, string][]>;
/**
 * Query ∪ form body (pop-core sends everything, Signature included, as a form body: API reference §2.3).
 * A name given twice is refused: both signature schemes sign a map, so a repeated name would be ambiguous.
 */
export declare const mergeParams: (...lists: [string, string][][]) => E.Either<KmsError, Map<string, string>>;
