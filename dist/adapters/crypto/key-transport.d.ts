import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import type { ExportWrappingAlgorithm, ExportWrappingKeySpec, ImportParameters, ImportWrappingAlgorithm, KeyTransport } from '../../domain/ports/key-transport.ts';
import type { KeyVault } from '../../domain/ports/key-vault.ts';
/**
 * Data keys and BYOK wrapping for software instances (API reference §5.9, §5.11). Import wrapping keys are
 * RSA_2048, made per GetParametersForImport call, kept wrapped in the vault with their token, bound to the key
 * and valid 24 h. Tokens are 192 random bits: a bearer capability for one key's import.
 */
export declare class SoftwareKeyTransport implements KeyTransport {
    private readonly vault;
    constructor(vault: KeyVault);
    randomDataKey(bytes: number): Buffer;
    wrapForExport(publicKeyBlob: Buffer, spec: ExportWrappingKeySpec, algorithm: ExportWrappingAlgorithm, dataKey: Buffer): E.Either<KmsError, Buffer>;
    newImportParameters(keyId: string, algorithm: ImportWrappingAlgorithm, expiresAt: Date): Promise<E.Either<KmsError, ImportParameters>>;
    unwrapImport(keyId: string, importToken: string, encryptedMaterial: Buffer, now: Date, expectedBytes?: number): Promise<E.Either<KmsError, Buffer>>;
    matchesPreviousImport(keyId: string, material: Buffer): Promise<E.Either<KmsError, boolean>>;
    /** A vault that fails here (a shared vault's database unreachable) is a Left: the import is stored already. */
    importCommitted(keyId: string, importToken: string, material: Buffer): Promise<E.Either<KmsError, void>>;
}
