import { EventStoreDBClient } from '@eventstore/db-client';
import { type Backoff } from '../store/esdb/backoff.ts';
import type { WrappedMaterial } from './wrap.ts';
import { type VaultRow, type WrappedVault } from './wrapped-rows.ts';
export declare const esdbVaultRows: (client: EventStoreDBClient, keyId: string, backoff?: Backoff) => Promise<VaultRow[]>;
export declare const esdbVaultKeyIds: (client: EventStoreDBClient, backoff?: Backoff) => Promise<string[]>;
export declare const esdbVaultTokenKeyIds: (client: EventStoreDBClient, backoff?: Backoff) => Promise<string[]>;
/** The `vault-` streams of an EventStoreDB, opened without the root key. */
export declare class EsdbWrappedVault implements WrappedVault {
    private readonly client;
    readonly location: string;
    private constructor();
    static open(connectionString: string): EsdbWrappedVault;
    keyIds(): Promise<string[]>;
    wrappedRows(keyId: string): Promise<VaultRow[]>;
    /** A destroyed key's streams are tombstoned (EsdbKeyVault.destroyKey): they answer StreamDeleted for ever. */
    destroyed(keyId: string): Promise<boolean>;
    rootCheck(): Promise<WrappedMaterial | undefined>;
    putRootCheck(w: WrappedMaterial): Promise<void>;
    /** Checks every row first; then the key's generated material and fingerprint go in one append, imported material in another. */
    addRows(keyId: string, rows: readonly VaultRow[]): Promise<number>;
    close(): Promise<void>;
}
