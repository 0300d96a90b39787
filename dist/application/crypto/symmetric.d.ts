import type { KeyState } from '../../domain/key/index.ts';
import type { CiphertextBlob, CiphertextBlobFormat } from '../../domain/ports/ciphertext-blob.ts';
import type { AuditTrail } from '../crypto-service.ts';
import { type CryptoCall, type Ctx, type KeyVersionAnswer, type Result } from './call.ts';
import type { KeyOpener } from '../access/key-access.ts';
export declare const MAX_ENCRYPT_PLAINTEXT_BYTES = 6144;
export type Sealed = KeyVersionAnswer & {
    ciphertextBlob: string;
};
export type Opened = KeyVersionAnswer & {
    plaintext: Buffer;
};
/** Encrypt, Decrypt, ReEncrypt (API reference §5.8) over ciphertext blobs; `seal`/`unseal` also serve data keys. */
export declare class SymmetricCrypto {
    private readonly opener;
    private readonly blobs;
    constructor(opener: KeyOpener, blobs: CiphertextBlobFormat);
    encrypt(call: CryptoCall, trail: AuditTrail, input: {
        keyId: string;
        plaintext: Buffer;
        encryptionContext?: Ctx;
    }): Result<Sealed>;
    decrypt(call: CryptoCall, trail: AuditTrail, input: {
        ciphertextBlob: string;
        encryptionContext?: Ctx;
    }): Result<Opened>;
    /**
     * Source and destination are each authorized and recorded: kms:ReEncryptFrom on the key inside the ciphertext,
     * kms:ReEncryptTo on the destination (API reference §5.8). Both are decided before the source is opened, so a
     * refused destination never has the plaintext decrypted for nothing.
     */
    reEncrypt(call: CryptoCall, trail: AuditTrail, input: {
        ciphertextBlob: string;
        sourceEncryptionContext?: Ctx;
        destinationKeyId: string;
        destinationEncryptionContext?: Ctx;
    }): Result<Sealed & {
        sourceKeyId: string;
        sourceKeyVersionId: string;
    }>;
    /** Encrypts under the key's primary version into a ciphertext blob. */
    seal(s: KeyState, setVersion: (v: string) => void, plaintext: Buffer, context: Ctx): Result<Sealed>;
    /** Decrypts a ciphertext blob with the version that made it (works after rotation, API reference §5.4). */
    unseal(source: {
        state: KeyState;
        blob: CiphertextBlob;
    }, context: Ctx): Result<Opened>;
}
