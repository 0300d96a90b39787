import { badRequest } from "./errors.js";
// The data-plane and BYOK error codes of the API reference §5.11/§5.14 (all HTTP 400). Messages never carry
// ciphertext, plaintext or material: only what the caller already knows.
export const invalidCiphertext = (why = 'The ciphertext is invalid or does not belong to this key and context.') => badRequest('InvalidCiphertext', why);
export const invalidKeyMaterial = (why) => badRequest('InvalidKeyMaterial', why);
export const invalidImportToken = (why) => badRequest('InvalidImportToken', why);
export const expiredImportToken = () => badRequest('ExpiredImportToken', 'The import token has expired; call GetParametersForImport again.');
/**
 * Every refusal of imported material (it does not unwrap, has the wrong padding or length, does not fit the spec,
 * or is not the material the key had): one code, one message, so the answer is no padding oracle
 * (Bleichenbacher) and tells nothing of which check failed.
 */
export const importedMaterialRefused = () => invalidKeyMaterial('The EncryptedKeyMaterial does not give key material this key takes with this import token.');
