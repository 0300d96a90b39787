import { Command } from 'commander';
import type { CliContext } from './context.ts';
export declare const buildProgram: (ctx: CliContext) => Command;
/** Runs one command line (without `node` and the script); returns the exit code. */
export declare const runCli: (argv: readonly string[], ctx: CliContext) => Promise<number>;
export declare const defaultCliContext: () => CliContext;
export declare const main: (argv?: readonly string[]) => Promise<void>;
