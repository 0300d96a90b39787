import type { Command } from 'commander';
import type { EventStore } from '../../domain/ports/event-store.ts';
import { type StreamHead, type VerifyReport } from '../../projections/audit/verify.ts';
import { type CliContext } from './context.ts';
import { type OutputFormat } from './format.ts';
export declare const auditHistory: (store: EventStore, keyId: string, format: OutputFormat) => Promise<string>;
export declare const auditState: (store: EventStore, keyId: string, at: Date, format: OutputFormat) => Promise<string>;
export interface VerifyOutcome {
    readonly ok: boolean;
    readonly text: string;
    readonly report: VerifyReport;
}
export declare const auditVerify: (store: EventStore, options: {
    keyId?: string;
    anchors?: ReadonlyMap<string, StreamHead>;
}, format: OutputFormat) => Promise<VerifyOutcome>;
export declare const registerAudit: (program: Command, ctx: CliContext) => void;
