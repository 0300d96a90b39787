import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { type KmsError } from '../../domain/errors.ts';
export declare const DataKeySpec: t.KeyofC<{
    AES_256: null;
    AES_128: null;
}>;
export type DataKeySpec = t.TypeOf<typeof DataKeySpec>;
export declare const MAX_DATA_KEY_BYTES = 1024;
export declare const dataKeyBytes: (keySpec: string | undefined, numberOfBytes: number | undefined) => E.Either<KmsError, number>;
