import { badRequest, type KmsError } from './errors.ts'

// The data-plane and BYOK error codes of the API reference §5.11/§5.14 (all HTTP 400). Messages never carry
// ciphertext, plaintext or material: only what the caller already knows.

export const invalidCiphertext = (why = 'The ciphertext is invalid or does not belong to this key and context.'): KmsError =>
  badRequest('InvalidCiphertext', why)

export const invalidKeyMaterial = (why: string): KmsError => badRequest('InvalidKeyMaterial', why)
export const invalidImportToken = (why: string): KmsError => badRequest('InvalidImportToken', why)
export const expiredImportToken = (): KmsError => badRequest('ExpiredImportToken', 'The import token has expired; call GetParametersForImport again.')

/**
 * Every refusal of imported material (it does not unwrap, has the wrong padding or length, does not fit the spec,
 * or is not the material the key had): one code, one message, so the answer is no padding oracle
 * (Bleichenbacher) and tells nothing of which check failed.
 */
export const importedMaterialRefused = (): KmsError =>
  invalidKeyMaterial('The EncryptedKeyMaterial does not give key material this key takes with this import token.')
