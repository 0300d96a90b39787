import { type KmsError } from './errors.ts';
export declare const invalidCiphertext: (why?: string) => KmsError;
export declare const invalidKeyMaterial: (why: string) => KmsError;
export declare const invalidImportToken: (why: string) => KmsError;
export declare const expiredImportToken: () => KmsError;
/**
 * Every refusal of imported material (it does not unwrap, has the wrong padding or length, does not fit the spec,
 * or is not the material the key had): one code, one message, so the answer is no padding oracle
 * (Bleichenbacher) and tells nothing of which check failed.
 */
export declare const importedMaterialRefused: () => KmsError;
