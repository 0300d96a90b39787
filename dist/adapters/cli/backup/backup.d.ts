import type { StoreConfig } from '../../../composition/config.ts';
import { type Manifest } from './manifest.ts';
export interface BackupOptions {
    readonly dataDir: string;
    readonly store?: StoreConfig;
    readonly out: string;
    readonly includeRootKey: boolean;
    readonly env: NodeJS.ProcessEnv;
    readonly warn: (line: string) => void;
}
export interface BackupSummary {
    readonly out: string;
    readonly manifest: Manifest;
    readonly attempts: number;
}
export declare const takeBackup: (o: BackupOptions) => Promise<BackupSummary>;
