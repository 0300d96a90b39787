import type { Either } from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
import type { SealedData } from './crypto-executor.ts';
/** What a symmetric ciphertext carries so that Decrypt needs no key id (API reference §5.8). */
export interface CiphertextBlob {
    readonly keyId: string;
    readonly versionId: string;
    readonly sealed: SealedData;
}
/** The wire format of CiphertextBlob (adapters/crypto/blob.ts); its decoder refuses with `InvalidCiphertext`. */
export interface CiphertextBlobFormat {
    encode(blob: CiphertextBlob): string;
    decode(text: string): Either<KmsError, CiphertextBlob>;
    /** The AAD given to the executor: the blob's header (format, key, version) and the canonical EncryptionContext. */
    aad(keyId: string, versionId: string, canonicalContext: Buffer): Buffer;
}
