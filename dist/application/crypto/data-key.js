import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { invalidParameter } from "../../domain/errors.js";
// Data key size (API reference §5.9): NumberOfBytes 1–1024 wins when given; else KeySpec AES_256 (32 bytes) or
// AES_128 (16); neither gives a 256-bit key. KeySpec is checked even when NumberOfBytes decides the size: a value
// the API does not define is refused, never ignored (issue 20, finding 4).
export const DataKeySpec = t.keyof({ AES_256: null, AES_128: null });
export const MAX_DATA_KEY_BYTES = 1024;
export const dataKeyBytes = (keySpec, numberOfBytes) => {
    if (keySpec !== undefined && keySpec !== '' && !DataKeySpec.is(keySpec))
        return E.left(invalidParameter('KeySpec', 'it is AES_256 or AES_128.'));
    if (numberOfBytes !== undefined)
        return Number.isInteger(numberOfBytes) && numberOfBytes >= 1 && numberOfBytes <= MAX_DATA_KEY_BYTES
            ? E.right(numberOfBytes)
            : E.left(invalidParameter('NumberOfBytes', `it is an integer from 1 to ${MAX_DATA_KEY_BYTES}.`));
    return E.right(keySpec === 'AES_128' ? 16 : 32);
};
