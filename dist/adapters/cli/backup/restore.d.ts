export interface RestoreOptions {
    readonly file: string;
    readonly dataDir: string;
    readonly env: NodeJS.ProcessEnv;
    readonly warn: (line: string) => void;
}
export interface RestoreReport {
    readonly dataDir: string;
    readonly keys: number;
    readonly versions: number;
    readonly events: number;
    readonly lastPosition: number;
    readonly files: readonly string[];
    readonly rootKeyFrom: string;
    readonly eventStore: 'sqlite' | 'esdb';
}
export declare const restoreBackup: (o: RestoreOptions) => Promise<RestoreReport>;
/** What `keyledger restore` prints: what came back, and what to run next. */
export declare const restoreSummary: (r: RestoreReport) => string;
