import { badRequest, type KmsError } from './errors.ts'

// The data-plane and BYOK error codes of the API reference §5.11/§5.14 (all HTTP 400). Messages never carry
// ciphertext, plaintext or material: only what the caller already knows.

export const invalidCiphertext = (why = 'The ciphertext is invalid or does not belong to this key and context.'): KmsError =>
  badRequest('InvalidCiphertext', why)

export const invalidKeyMaterial = (why: string): KmsError => badRequest('InvalidKeyMaterial', why)
export const invalidImportToken = (why: string): KmsError => badRequest('InvalidImportToken', why)
export const expiredImportToken = (): KmsError => badRequest('ExpiredImportToken', 'The import token has expired; call GetParametersForImport again.')
