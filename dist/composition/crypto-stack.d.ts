import type { KmsError } from '../domain/errors.ts';
import type { EventStore } from '../domain/ports/event-store.ts';
import type { IdGenerator } from '../domain/ports/ids.ts';
import type { KeyService } from '../application/key-service.ts';
import { CryptoService } from '../application/crypto-service.ts';
import type { InstanceConfig } from './config.ts';
import { EventStoreUsageRecorder } from '../adapters/usage/event-store-usage-recorder.ts';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { ROOT_KEY_FILE } from '../adapters/root-key.ts';
import type { Backoff } from '../adapters/store/esdb/backoff.ts';
import type { ExpiredImportTokens } from '../domain/ports/key-material.ts';
import { CryptoRouter } from '../adapters/crypto/router.ts';
import type { WrappedRowListing } from '../adapters/vault/wrapped-rows.ts';
import type { KeyKind } from '../domain/values/key-spec.ts';
export declare const VAULT_FILE: "vault.sqlite";
export { ROOT_KEY_FILE };
/**
 * Where the vault is: in memory under a fresh root key (the memory event store; nothing survives), the data dir's
 * SQLite file (one node), or the streams of the EventStoreDB the events are in (several nodes: the root key must
 * then come from KMS_ROOT_KEY, the same on every node).
 */
export type VaultChoice = {
    readonly kind: 'memory';
} | {
    readonly kind: 'sqlite';
} | {
    readonly kind: 'esdb';
    readonly client: EventStoreDBClient;
    readonly backoff?: Backoff;
};
export interface CryptoStackOptions {
    readonly instances: readonly InstanceConfig[];
    readonly dataDir: string;
    readonly vault: VaultChoice;
    readonly env: NodeJS.ProcessEnv;
    readonly store: EventStore;
    readonly ids: IdGenerator;
    /** Told when material could not be destroyed after KeyDeleted (the event is stored; an operator must look). */
    readonly onDestroyFailure: (keyId: string, error: KmsError) => void;
    /** Start-up notes (where the root key came from, which tokens opened): never a secret. */
    readonly note: (msg: string) => void;
}
export interface CryptoStack {
    readonly router: CryptoRouter;
    readonly usage: EventStoreUsageRecorder;
    /** The vault's rows, still wrapped, and which keys keep their material there: the start-up material check. */
    readonly vaultRows: WrappedRowListing;
    readonly inVault: (key: {
        readonly kind: KeyKind;
        readonly instanceId: string | null;
    }) => boolean;
    /** The vault's import tokens, for the scheduler's expiry job. */
    readonly importTokens: ExpiredImportTokens;
    /** The crypto service over a key service built with the router as its material hook. */
    service(keys: KeyService): CryptoService;
    /** Closes every executor (the software one closes the vault). */
    close(): Promise<void>;
}
/** Opens everything or nothing: on a failure, what was opened is closed and the error thrown (start-up). */
export declare const openCryptoStack: (o: CryptoStackOptions) => Promise<CryptoStack>;
