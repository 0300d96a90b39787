import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import type { KeyState } from '../../domain/key/state.ts';
import type { AsymmetricEncryptionAlgorithm, SigningAlgorithm } from '../../domain/ports/crypto-executor.ts';
import type { ExportWrappingAlgorithm, ExportWrappingKeySpec, ImportWrappingAlgorithm } from '../../domain/ports/key-transport.ts';
export declare const requireSymmetric: (s: KeyState) => E.Either<KmsError, KeyState>;
export declare const requireAsymmetric: (s: KeyState) => E.Either<KmsError, KeyState>;
export declare const checkEncryptionAlgorithm: (s: KeyState, algorithm: string) => E.Either<KmsError, AsymmetricEncryptionAlgorithm>;
export declare const checkSigningAlgorithm: (s: KeyState, algorithm: string) => E.Either<KmsError, SigningAlgorithm>;
/** Asymmetric keys have no primary version: every call names one (API reference §5.4). */
export declare const checkVersion: (s: KeyState, versionId: string | undefined) => E.Either<KmsError, string>;
export declare const checkExportWrapping: (spec: string, algorithm: string) => E.Either<KmsError, {
    spec: ExportWrappingKeySpec;
    algorithm: ExportWrappingAlgorithm;
}>;
/** Software instances wrap imports with RSA_2048 only (EC_SM2/SM2PKE is for HSM keys, API reference §5.11). */
export declare const checkImportWrapping: (spec: string, algorithm: string) => E.Either<KmsError, ImportWrappingAlgorithm>;
