export declare const DEFAULT_DATA_DIR = "./data";
export declare const DATA_DIR_FILES: {
    /** The SQLite event store (unless the configuration names another store). */
    readonly events: "events.sqlite";
    /** The read models and their checkpoints (docs/architecture.md §6), apart from the events. */
    readonly readStore: "readstore.sqlite";
    /** Software keys' material, wrapped under the root key (SQLite vault). */
    readonly vault: "vault.sqlite";
    /** The root key, when KMS_ROOT_KEY does not give it (0600). */
    readonly rootKey: "root.key";
    /** Access keys made with `keyledger access-keys`, their secrets sealed under the root key. */
    readonly accessKeys: "access-keys.sqlite";
    /** The bootstrap access key made on first start (0600). */
    readonly bootstrapKey: "bootstrap-access-key.json";
    /** The account id made on first start. */
    readonly accountId: "account-id";
    /** What `keyledger jobs status` reads. */
    readonly schedulerStatus: "scheduler-status.json";
};
export type DataDirLayout = {
    readonly dir: string;
} & {
    readonly [K in keyof typeof DATA_DIR_FILES]: string;
};
export declare const dataDirLayout: (dir: string) => DataDirLayout;
/** Precedence, the same for every command: --data-dir, then the config file's `dataDir`, then KMS_DATA_DIR, then ./data. */
export declare const chooseDataDir: (o: {
    readonly flag?: string | undefined;
    readonly file?: unknown;
}, env?: NodeJS.ProcessEnv) => string;
/** The same, as an absolute path (what `serve` and the access-key commands use). */
export declare const resolveDataDir: (o: {
    readonly flag?: string | undefined;
    readonly file?: unknown;
}, env?: NodeJS.ProcessEnv) => string;
