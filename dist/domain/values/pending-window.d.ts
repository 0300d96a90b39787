import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
export declare const MIN_PENDING_DAYS = 7;
export declare const MAX_PENDING_DAYS = 366;
export declare const parsePendingWindow: (input: unknown) => E.Either<KmsError, number>;
