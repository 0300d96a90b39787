import * as E from 'fp-ts/lib/Either.js';
import type { Logger } from 'pino';
import type { EventStore } from '../domain/ports/event-store.ts';
import type { AppConfig } from './config.ts';
import { type ApiServices } from '../adapters/http/actions/index.ts';
import { type ListeningApi } from '../adapters/http/server.ts';
import type { CryptoStack } from './crypto-stack.ts';
import type { RunningScheduler } from './scheduler.ts';
import type { RunningReadModels } from '../adapters/readstore/read-models.ts';
import { type AppOverrides } from './engine.ts';
export { deploymentOf, type AppOverrides } from './engine.ts';
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
export declare const parseListen: (listen: string) => {
    host: string;
    port: number;
};
export declare const startApp: (config: AppConfig, o?: AppOverrides) => Promise<App>;
