import type { Command } from 'commander';
export declare const registerAccessKeys: (program: Command) => void;
