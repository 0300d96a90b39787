import type { KeyTransport } from '../../domain/ports/key-transport.ts';
import type { AuditTrail } from '../crypto-service.ts';
import type { CryptoCall, Ctx, DataKeyRequest, ExportTarget, KeyVersionAnswer, Result } from './call.ts';
import type { KeyOpener } from '../access/key-access.ts';
import type { Sealed, SymmetricCrypto } from './symmetric.ts';
type WithPlaintext = Sealed & {
    plaintext: Buffer;
};
/** GenerateDataKey and its variants, ExportDataKey (API reference §5.9): a plaintext data key is zeroed once used. */
export declare class DataKeys {
    private readonly opener;
    private readonly symmetric;
    private readonly transport;
    constructor(opener: KeyOpener, symmetric: SymmetricCrypto, transport: KeyTransport);
    generate(call: CryptoCall, trail: AuditTrail, input: DataKeyRequest, action?: string): Result<WithPlaintext>;
    generateWithoutPlaintext(call: CryptoCall, trail: AuditTrail, input: DataKeyRequest): Result<Sealed>;
    /** The data key comes back encrypted under the CMK and wrapped under the caller's public key, never in clear. */
    generateAndExport(call: CryptoCall, trail: AuditTrail, input: DataKeyRequest & ExportTarget): Result<Sealed & {
        exportedDataKey: Buffer;
    }>;
    export(call: CryptoCall, trail: AuditTrail, input: {
        ciphertextBlob: string;
        encryptionContext?: Ctx;
    } & ExportTarget): Result<KeyVersionAnswer & {
        exportedDataKey: Buffer;
    }>;
    private newDataKey;
}
export {};
