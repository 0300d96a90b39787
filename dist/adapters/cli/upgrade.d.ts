import type { Command } from 'commander';
export declare const registerUpgrade: (program: Command) => void;
