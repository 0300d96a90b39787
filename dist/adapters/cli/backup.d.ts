import type { Command } from 'commander';
export declare const registerBackup: (program: Command) => void;
