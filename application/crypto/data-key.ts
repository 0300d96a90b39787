import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../../domain/errors.ts'

// Data key size (API reference §5.9): NumberOfBytes 1–1024 wins when given; else KeySpec AES_256 (32 bytes) or
// AES_128 (16); neither gives a 256-bit key.

export const MAX_DATA_KEY_BYTES = 1024

export const dataKeyBytes = (keySpec: string | undefined, numberOfBytes: number | undefined): E.Either<KmsError, number> => {
  if (numberOfBytes !== undefined)
    return Number.isInteger(numberOfBytes) && numberOfBytes >= 1 && numberOfBytes <= MAX_DATA_KEY_BYTES
      ? E.right(numberOfBytes)
      : E.left(invalidParameter('NumberOfBytes', `it is an integer from 1 to ${MAX_DATA_KEY_BYTES}.`))
  if (keySpec === undefined || keySpec === '' || keySpec === 'AES_256') return E.right(32)
  if (keySpec === 'AES_128') return E.right(16)
  return E.left(invalidParameter('KeySpec', 'it is AES_256 or AES_128.'))
}
