import type { Command } from 'commander';
import type { EventStore } from '../../domain/ports/event-store.ts';
import { type ReportTable } from '../../projections/reports/index.ts';
import { type CliContext } from './context.ts';
import { type OutputFormat } from './format.ts';
export interface ReportArgs {
    readonly name: string;
    readonly at?: Date;
    readonly now: Date;
    readonly days?: number;
    readonly requireTags?: readonly string[];
    readonly format: OutputFormat;
}
export declare const runReport: (store: EventStore, a: ReportArgs) => Promise<{
    text: string;
    table: ReportTable;
}>;
export declare const registerReport: (program: Command, ctx: CliContext) => void;
