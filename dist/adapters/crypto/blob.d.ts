import * as E from 'fp-ts/lib/Either.js';
import { invalidCiphertext } from '../../domain/crypto-errors.ts';
import type { CiphertextBlob, CiphertextBlobFormat } from '../../domain/ports/ciphertext-blob.ts';
export declare const BLOB_FORMAT_V1 = 1;
export declare const encodeBlob: (blob: CiphertextBlob) => string;
/** Never throws: every malformed input is `InvalidCiphertext` (400). */
export declare const decodeBlob: (text: string) => E.Either<ReturnType<typeof invalidCiphertext>, CiphertextBlob>;
export declare const blobFormat: CiphertextBlobFormat;
