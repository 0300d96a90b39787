import type { Command } from 'commander';
import type { EventStore } from '../../domain/ports/event-store.ts';
import { type LogCheckReport } from '../../projections/audit/log-check.ts';
import { ProofBundle } from '../../projections/audit/proof-bundle.ts';
import { type MadeCheckpoint } from '../audit/checkpoints.ts';
import { type Witness } from '../audit/witness.ts';
import { type CliContext } from './context.ts';
export declare const auditPublicKey: (dataDir: string, env?: NodeJS.ProcessEnv) => string;
export declare const auditCheckpointNow: (store: EventStore, dataDir: string, now: Date, witnesses?: readonly Witness[], env?: NodeJS.ProcessEnv) => Promise<MadeCheckpoint>;
export interface CheckpointOutcome {
    readonly ok: boolean;
    readonly text: string;
    readonly report: LogCheckReport;
}
/** `audit verify --checkpoint FILE…`: the log now against checkpoints kept elsewhere (files or directories). */
export declare const auditVerifyCheckpoints: (store: EventStore, dataDir: string, paths: readonly string[], publicKeyFile: string | undefined, env?: NodeJS.ProcessEnv) => Promise<CheckpointOutcome>;
/** `audit prove KEY`: every event of the key with its inclusion proof against the latest checkpoint. */
export declare const auditProve: (store: EventStore, dataDir: string, keyId: string, now: Date, env?: NodeJS.ProcessEnv) => Promise<ProofBundle>;
/** `audit state KEY --at TIME --prove`: the key stream up to the instant, and the event after it if any. */
export declare const auditStateProof: (store: EventStore, dataDir: string, keyId: string, at: Date, now: Date, env?: NodeJS.ProcessEnv) => Promise<ProofBundle>;
/** `audit verify-proof FILE --public-key PEM`: offline, from the file alone. */
export declare const auditVerifyProof: (text: string, publicKeyText: string) => {
    ok: boolean;
    text: string;
};
export declare const writeOrPrint: (ctx: CliContext, text: string, out: string | undefined, what: string) => void;
export declare const registerAuditLog: (audit: Command, ctx: CliContext) => void;
