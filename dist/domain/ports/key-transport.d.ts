import type { Either } from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
export type ExportWrappingKeySpec = 'RSA_2048' | 'EC_SM2';
export type ExportWrappingAlgorithm = 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1' | 'SM2PKE';
export type ImportWrappingAlgorithm = 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1' | 'RSAES_PKCS1_V1_5';
export interface ImportParameters {
    readonly importToken: string;
    /** DER SubjectPublicKeyInfo of the wrapping key (the API returns it Base64). */
    readonly publicKey: Buffer;
    readonly expiresAt: Date;
}
/**
 * Key material moving in and out of the KMS, outside any key's executor: random data keys, data keys wrapped
 * under a caller's public key (GenerateAndExportDataKey, ExportDataKey), and BYOK import wrapping keys with
 * their tokens (GetParametersForImport, ImportKeyMaterial; API reference §5.9, §5.11).
 */
export interface KeyTransport {
    randomDataKey(bytes: number): Buffer;
    /** `publicKeyBlob`: DER SubjectPublicKeyInfo (or PEM) of the caller's key. */
    wrapForExport(publicKeyBlob: Buffer, spec: ExportWrappingKeySpec, algorithm: ExportWrappingAlgorithm, dataKey: Buffer): Either<KmsError, Buffer>;
    /** A fresh RSA_2048 wrapping key and token, bound to the key and valid until `expiresAt`. */
    newImportParameters(keyId: string, algorithm: ImportWrappingAlgorithm, expiresAt: Date): Promise<Either<KmsError, ImportParameters>>;
    /**
     * The material, when the token is this key's and not expired. `expectedBytes`: the spec's material length when
     * fixed (symmetric keys). RSAES_PKCS1_V1_5 uses implicit rejection: a bad padding gives pseudo-random material
     * (of `expectedBytes` when given), never a distinct error; every other unwrap failure is
     * `importedMaterialRefused()`.
     */
    unwrapImport(keyId: string, importToken: string, encryptedMaterial: Buffer, now: Date, expectedBytes?: number): Promise<Either<KmsError, Buffer>>;
    /** Whether the material is what the key was given before (true when it never was): API reference §5.11. */
    matchesPreviousImport(keyId: string, material: Buffer): Promise<Either<KmsError, boolean>>;
    /**
     * Called once the import is committed (KeyMaterialImported stored): keeps the material's keyed fingerprint
     * (first import only; never the material) and spends the token, which is single-use.
     */
    importCommitted(keyId: string, importToken: string, material: Buffer): Promise<Either<KmsError, void>>;
}
