import type { Command } from 'commander';
import { type VaultCopyReport } from '../vault/copy.ts';
export declare const registerVault: (program: Command) => void;
/** Runs one vault copy and prints its outcome; returns the exit status. */
export declare const runVaultCopy: (opts: {
    from: string;
    to: string;
    events?: string | undefined;
}, showProgress: boolean, out?: NodeJS.WritableStream, err?: NodeJS.WritableStream) => Promise<number>;
export declare const vaultCopySummary: (r: VaultCopyReport) => string;
