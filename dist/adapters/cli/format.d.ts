import { type Cell, type ReportTable } from '../../projections/reports/table.ts';
/** Text safe to print in a terminal cell: control and bidi characters shown as escapes. */
export declare const terminalText: (s: string) => string;
/** JSON for the terminal: JSON.stringify escapes C0 already; C1 and bidi characters become `\uXXXX` too (same value). */
export declare const terminalJson: (value: unknown) => string;
/** CSV for the terminal: the same escapes in every cell. */
export declare const terminalCsv: (columns: readonly string[], rows: readonly Readonly<Record<string, Cell>>[]) => string;
export type OutputFormat = 'table' | 'json' | 'csv';
export declare const parseFormat: (s: string) => OutputFormat;
/** A usage error: printed without a stack, exit code 2. */
export declare class CliError extends Error {
}
export declare const renderTable: (columns: readonly string[], rows: readonly Readonly<Record<string, Cell>>[]) => string;
export declare const renderReport: (r: ReportTable, format: OutputFormat) => string;
export declare const parseInstant: (s: string, flag: string) => Date;
