import type { EventStore } from '../domain/ports/event-store.ts';
import type { CryptoStack } from './crypto-stack.ts';
/** A start refused because the data dir does not add up; `code` is stable (docs/operations.md#error-codes-at-start). */
export declare class StartupRefused extends Error {
    readonly code: string;
    name: string;
    constructor(code: string, message: string);
}
/**
 * Before the server answers anything: every live key version's material is in the vault. Refuses to start
 * naming the first one missing, unless the operator said `--allow-missing-material` (then one warning, and those
 * keys answer errors until the material is back).
 */
export declare const checkVaultAtStart: (store: EventStore, crypto: Pick<CryptoStack, "vaultRows" | "inVault">, dataDir: string, allowMissing: boolean, warn: (line: string) => void) => Promise<void>;
