import type { AuditTrail } from '../crypto-service.ts';
import { type CryptoCall, type Result } from './call.ts';
import type { KeyOpener } from '../access/key-access.ts';
export type MacAnswer = {
    keyId: string;
    algorithm: string;
};
/**
 * GenerateMac/VerifyMac (3.x API): an HMAC key's primary version MACs the message inside the executor. VerifyMac
 * recomputes and compares in constant time here, so no executor can leak where a forged MAC first differs.
 */
export declare class MacCrypto {
    private readonly opener;
    constructor(opener: KeyOpener);
    generate(call: CryptoCall, trail: AuditTrail, input: {
        keyId: string;
        algorithm: string;
        message: Buffer;
    }): Result<MacAnswer & {
        mac: Buffer;
    }>;
    verify(call: CryptoCall, trail: AuditTrail, input: {
        keyId: string;
        algorithm: string;
        message: Buffer;
        mac: Buffer;
    }): Result<MacAnswer & {
        value: boolean;
    }>;
    private compute;
}
