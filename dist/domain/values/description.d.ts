import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
export declare const MAX_DESCRIPTION_LENGTH = 8192;
export declare const parseDescription: (text: string, name?: string) => E.Either<KmsError, string>;
