import type { Command } from 'commander';
import { type CopyReport } from '../store/copy.ts';
export declare const registerStore: (program: Command) => void;
/** Runs one copy and prints its outcome; returns the exit status. */
export declare const runCopy: (from: string, to: string, showProgress: boolean, out?: NodeJS.WritableStream, err?: NodeJS.WritableStream) => Promise<number>;
export declare const summary: (r: CopyReport) => string;
