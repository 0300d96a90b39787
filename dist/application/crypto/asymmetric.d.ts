import type { AuditTrail } from '../crypto-service.ts';
import { type AsymmetricTarget, type CryptoCall, type KeyVersionAnswer, type Result } from './call.ts';
import type { KeyOpener } from '../access/key-access.ts';
/**
 * AsymmetricEncrypt/Decrypt/Sign/Verify and GetPublicKey (API reference §5.7): always on a named version
 * (asymmetric keys have no primary version); the algorithm is checked against the key and recorded.
 */
export declare class AsymmetricCrypto {
    private readonly opener;
    constructor(opener: KeyOpener);
    encrypt(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & {
        algorithm: string;
        plaintext: Buffer;
    }): Result<KeyVersionAnswer & {
        ciphertextBlob: Buffer;
    }>;
    decrypt(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & {
        algorithm: string;
        ciphertextBlob: Buffer;
    }): Result<KeyVersionAnswer & {
        plaintext: Buffer;
    }>;
    /** `digest`: the message's SHA-256 (SM3(Z‖M) for SM2DSA), as the API takes it. Returns a DER/raw signature. */
    sign(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & {
        algorithm: string;
        digest: Buffer;
    }): Result<KeyVersionAnswer & {
        value: Buffer;
    }>;
    verify(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget & {
        algorithm: string;
        digest: Buffer;
        value: Buffer;
    }): Result<KeyVersionAnswer & {
        value: boolean;
    }>;
    /** The version's public key as SPKI PEM (S-9.1). */
    publicKey(call: CryptoCall, trail: AuditTrail, input: AsymmetricTarget): Result<KeyVersionAnswer & {
        publicKey: string;
    }>;
    private run;
}
