import * as E from 'fp-ts/lib/Either.js';
import { StoreConfig, type AppConfig } from './config.ts';
export declare const readConfigFile: (path: string) => Record<string, unknown>;
/** Where a configuration may hold a secret: access key secrets, PKCS#11 PINs, credentials in a store URL. */
export declare const secretsIn: (file: Record<string, unknown>) => string[];
/** Where a command finds the events: the data dir, and the configuration's store when it names one. */
export interface StoreTarget {
    readonly dataDir: string;
    readonly store?: StoreConfig;
}
/**
 * The same precedence as serve's: --data-dir, then the file's `dataDir`, then KMS_DATA_DIR, then ./data; the
 * file's `store` wins over KMS_EVENT_STORE (which openDataDirEventStore reads when the file names none).
 */
export declare const storeTarget: (o: {
    readonly dataDir?: string;
    readonly config?: string;
}, env?: NodeJS.ProcessEnv) => StoreTarget;
export interface ServeOptions {
    readonly config?: string;
    readonly listen?: string;
    readonly dataDir?: string;
}
/**
 * `beforeWrite` runs once the data dir exists and before anything is written into it (the account id, the
 * bootstrap key): `serve` takes the data dir's lock there (adapters/data-dir/lock.ts).
 */
export declare const buildServeConfig: (opts: ServeOptions, env: NodeJS.ProcessEnv, beforeWrite?: (dataDir: string) => void) => E.Either<string, {
    config: AppConfig;
    notes: string[];
}>;
