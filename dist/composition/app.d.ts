import * as E from 'fp-ts/lib/Either.js';
import { type Logger } from 'pino';
import type { Clock } from '../domain/ports/clock.ts';
import type { EventStore } from '../domain/ports/event-store.ts';
import type { IdGenerator } from '../domain/ports/ids.ts';
import { type KeyMaterialLifecycle } from '../application/key-service.ts';
import type { AppConfig } from './config.ts';
import { type ActionTable, type ApiServices, type Deployment } from '../adapters/http/actions/index.ts';
import { type NonceRegistry } from '../adapters/http/auth/verifier.ts';
import { type ListeningApi } from '../adapters/http/server.ts';
import { type CryptoStack } from './crypto-stack.ts';
import { type RunningScheduler } from './scheduler.ts';
import { type RunningReadModels } from '../adapters/readstore/read-models.ts';
export interface AppOverrides {
    readonly clock?: Clock;
    readonly ids?: IdGenerator;
    readonly logger?: Logger;
    /** An already open store (specs); otherwise the configuration's `store` is opened. */
    readonly store?: EventStore;
    /** How long a command's answer waits for the read models (default 2000 ms; docs/architecture.md §6 read-your-writes). */
    readonly readWaitMs?: number;
    /** S-10: when call recording began, for a store that began without it (default: the store's first event). */
    readonly usageTrackingSince?: string;
    /** Replaces the crypto router as the key service's material hook (specs of the lifecycle alone). */
    readonly material?: KeyMaterialLifecycle;
    /** Extra action tables, merged over the lifecycle and crypto actions. */
    readonly actions?: ActionTable;
    /** Start even when live key versions have no material in the vault (`serve --allow-missing-material`). */
    readonly allowMissingMaterial?: boolean;
    /** Where KMS_ROOT_KEY (vault and stored access keys), PIN variables and KMS_PKCS11_MODULE are read; process.env by default. */
    readonly env?: NodeJS.ProcessEnv;
    /** A worker of `serve --workers`: the replay cache and the quota gate's turn are the primary's (adapters/cluster). */
    readonly cluster?: {
        readonly nonces: NonceRegistry;
        readonly withPoolLock: <T>(pool: string, run: () => Promise<T>) => Promise<T>;
    };
}
export interface App {
    readonly api: ListeningApi;
    readonly store: EventStore;
    readonly services: ApiServices;
    readonly logger: Logger;
    readonly crypto: CryptoStack;
    /** The read store and its runner (`<dataDir>/readstore.sqlite`). */
    readonly readModels: RunningReadModels;
    /** Undefined when the configuration turns the scheduler off. */
    readonly scheduler: RunningScheduler | undefined;
    /** Reads the TLS certificate and key again (SIGHUP); Left with the reason when they do not load (the old pair stays). */
    reloadTls(): E.Either<string, 'reloaded' | 'no-tls'>;
    /** Stops in order: the API (in-flight calls finish and are audited), the scheduler, the read models, the executors, the store. */
    close(): Promise<void>;
}
/** A stable id for the software instance `serve` offers by default, so keys keep pointing at it across restarts. */
export declare const defaultInstanceId: (accountId: string, region: string) => string;
export declare const deploymentOf: (c: AppConfig) => Deployment;
export declare const parseListen: (listen: string) => {
    host: string;
    port: number;
};
export declare const startApp: (config: AppConfig, o?: AppOverrides) => Promise<App>;
