import type { AsymmetricTarget, CallerIdentity, CryptoCall, CryptoServiceDeps, Ctx, DataKeyRequest, ExportTarget, KeyVersionAnswer, Result } from './crypto/call.ts';
import { type MacAnswer } from './crypto/mac.ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../domain/errors.ts';
import type { UsageRecord, UsageRecorder } from '../domain/ports/usage-recorder.ts';
export { MAX_ENCRYPT_PLAINTEXT_BYTES } from './crypto/symmetric.ts';
export { IMPORT_TOKEN_LIFETIME_MS } from './crypto/byok.ts';
export type { AsymmetricTarget, CryptoCall, CryptoServiceDeps, DataKeyRequest, ExportTarget, KeyVersionAnswer, } from './crypto/call.ts';
/**
 * The data-plane operations (API reference §5.7–§5.11) over the ports. Inputs and outputs are plain values
 * (Buffers for bytes, strings for blobs); the HTTP layer maps wire parameters (Base64, JSON) to them.
 * Every call touching a key is recorded as `ActionInvoked` (allowed, denied or failed) before it answers, and an
 * allowed call whose record cannot be stored fails closed with InternalFailure (crypto/audited.ts).
 * Each family of operations lives in its own file under crypto/; this class only wires them and audits.
 */
export declare class CryptoService {
    private readonly deps;
    private readonly symmetric;
    private readonly dataKeys;
    private readonly asymmetric;
    private readonly macs;
    private readonly byok;
    constructor(deps: CryptoServiceDeps);
    encrypt(call: CryptoCall, input: {
        keyId: string;
        plaintext: Buffer;
        encryptionContext?: Ctx;
    }): Result<KeyVersionAnswer & {
        ciphertextBlob: string;
    }>;
    decrypt(call: CryptoCall, input: {
        ciphertextBlob: string;
        encryptionContext?: Ctx;
    }): Result<KeyVersionAnswer & {
        plaintext: Buffer;
    }>;
    reEncrypt(call: CryptoCall, input: {
        ciphertextBlob: string;
        sourceEncryptionContext?: Ctx;
        destinationKeyId: string;
        destinationEncryptionContext?: Ctx;
    }): Result<KeyVersionAnswer & {
        ciphertextBlob: string;
        sourceKeyId: string;
        sourceKeyVersionId: string;
    }>;
    generateDataKey(call: CryptoCall, input: DataKeyRequest): Result<KeyVersionAnswer & {
        ciphertextBlob: string;
        plaintext: Buffer;
    }>;
    generateDataKeyWithoutPlaintext(call: CryptoCall, input: DataKeyRequest): Result<KeyVersionAnswer & {
        ciphertextBlob: string;
    }>;
    generateAndExportDataKey(call: CryptoCall, input: DataKeyRequest & ExportTarget): Result<KeyVersionAnswer & {
        ciphertextBlob: string;
        exportedDataKey: Buffer;
    }>;
    exportDataKey(call: CryptoCall, input: {
        ciphertextBlob: string;
        encryptionContext?: Ctx;
    } & ExportTarget): Result<KeyVersionAnswer & {
        exportedDataKey: Buffer;
    }>;
    generateMac(call: CryptoCall, input: {
        keyId: string;
        algorithm: string;
        message: Buffer;
    }): Result<MacAnswer & {
        mac: Buffer;
    }>;
    verifyMac(call: CryptoCall, input: {
        keyId: string;
        algorithm: string;
        message: Buffer;
        mac: Buffer;
    }): Result<MacAnswer & {
        value: boolean;
    }>;
    asymmetricEncrypt(call: CryptoCall, input: AsymmetricTarget & {
        algorithm: string;
        plaintext: Buffer;
    }): Result<KeyVersionAnswer & {
        ciphertextBlob: Buffer;
    }>;
    asymmetricDecrypt(call: CryptoCall, input: AsymmetricTarget & {
        algorithm: string;
        ciphertextBlob: Buffer;
    }): Result<KeyVersionAnswer & {
        plaintext: Buffer;
    }>;
    asymmetricSign(call: CryptoCall, input: AsymmetricTarget & {
        algorithm: string;
        digest: Buffer;
    }): Result<KeyVersionAnswer & {
        value: Buffer;
    }>;
    asymmetricVerify(call: CryptoCall, input: AsymmetricTarget & {
        algorithm: string;
        digest: Buffer;
        value: Buffer;
    }): Result<KeyVersionAnswer & {
        value: boolean;
    }>;
    getPublicKey(call: CryptoCall, input: AsymmetricTarget): Result<KeyVersionAnswer & {
        publicKey: string;
    }>;
    getParametersForImport(call: CryptoCall, input: {
        keyId: string;
        wrappingKeySpec: string;
        wrappingAlgorithm: string;
    }): Result<{
        keyId: string;
        importToken: string;
        publicKey: Buffer;
        tokenExpireTime: string;
    }>;
    importKeyMaterial(call: CryptoCall, input: {
        keyId: string;
        encryptedKeyMaterial: Buffer;
        importToken: string;
        keyMaterialExpireUnix?: number;
    }): Result<{
        keyId: string;
    }>;
    deleteKeyMaterial(call: CryptoCall, input: {
        keyId: string;
    }): Result<{
        keyId: string;
    }>;
    private audited;
}
/** What the service notes about one key a call touched. */
export interface KeyNote {
    setVersion(versionId: string): void;
    /** The key's authorization refused the call: this key's record is the denial (and the only one). */
    refuse(error: KmsError): void;
}
/** The keys one call touched, in order (ReEncrypt touches two), to be recorded as `ActionInvoked` each. */
export declare class AuditTrail {
    private readonly entries;
    /** The asymmetric or wrapping algorithm the call used, once checked (never a caller's unchecked text). */
    private algorithm;
    touch(action: string, keyId: string, versionId?: string | null): KeyNote;
    useAlgorithm(algorithm: string): void;
    records(outcome: {
        error: KmsError | null;
    }, requestId: string, at: string, caller: CallerIdentity | undefined): UsageRecord[];
}
/**
 * What a call did to the key before its record was written: `none` for every data-plane call (its result can
 * still be withheld), `stored` for ImportKeyMaterial and DeleteKeyMaterial, whose change is already on the key's
 * stream when the usage record is written — the answer must not claim it did not happen.
 */
export type CallEffect = 'none' | 'stored';
/**
 * Runs an operation and records every key it touched, with the outcome, before answering. An allowed call whose
 * record cannot be stored fails closed with InternalFailure (its result is scrubbed and withheld).
 */
export declare const audited: <A>(usage: UsageRecorder, call: CryptoCall, run: (trail: AuditTrail) => Promise<E.Either<KmsError, A>>, effect?: CallEffect) => Promise<E.Either<KmsError, A>>;
