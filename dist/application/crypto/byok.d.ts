import type { KeyTransport } from '../../domain/ports/key-transport.ts';
import type { KeyService } from '../key-service.ts';
import type { AuditTrail } from '../crypto-service.ts';
import { type CryptoCall, type Result } from './call.ts';
import type { KeyOpener } from '../access/key-access.ts';
export declare const IMPORT_TOKEN_LIFETIME_MS: number;
/**
 * BYOK (API reference §5.11): GetParametersForImport, ImportKeyMaterial, DeleteKeyMaterial. Rules that hold for
 * every executor (software or token) live here:
 * - every refusal of the material itself (unwrap, padding, length, spec, not the key's earlier material) is one
 *   code and one message (`importedMaterialRefused`), so the import is no padding oracle;
 * - a key takes one material for life: after DeleteKeyMaterial only the same comes back, judged by a keyed
 *   fingerprint the transport keeps, written only once KeyMaterialImported is stored;
 * - an import token is spent by the import it served.
 */
export declare class Byok {
    private readonly opener;
    private readonly keys;
    private readonly transport;
    /** Imports into one key run one at a time in this process, so two different materials cannot race the check. */
    private readonly importing;
    constructor(opener: KeyOpener, keys: KeyService, transport: KeyTransport);
    /** `publicKey` is DER SubjectPublicKeyInfo; `tokenExpireTime` is ISO-8601 to the second (API reference §5.1). */
    getParametersForImport(call: CryptoCall, trail: AuditTrail, input: {
        keyId: string;
        wrappingKeySpec: string;
        wrappingAlgorithm: string;
    }): Result<{
        keyId: string;
        importToken: string;
        publicKey: Buffer;
        tokenExpireTime: string;
    }>;
    /** `keyMaterialExpireUnix`: Unix seconds, 0 or undefined = never expires (API reference §5.11). */
    importKeyMaterial(call: CryptoCall, trail: AuditTrail, input: {
        keyId: string;
        encryptedKeyMaterial: Buffer;
        importToken: string;
        keyMaterialExpireUnix?: number;
    }): Result<{
        keyId: string;
    }>;
    /** The material goes at once; the key returns to PendingImport (API reference §5.2). */
    deleteKeyMaterial(call: CryptoCall, trail: AuditTrail, input: {
        keyId: string;
    }): Result<{
        keyId: string;
    }>;
    private importInto;
}
