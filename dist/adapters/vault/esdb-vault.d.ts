import { NO_STREAM, type EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import { type Backoff } from '../store/esdb/backoff.ts';
import type { ImportTokenRow, KeyVault, MaterialKind, StoredMaterial } from '../../domain/ports/key-vault.ts';
import type { VaultRow } from './wrapped-rows.ts';
export { vaultImportedStream, vaultStream, vaultTokenStream, VaultStreamDestroyed } from './esdb-vault-streams.ts';
export interface EsdbVaultOptions {
    /** true when the client is the event store's (it closes it); false: the vault disposes it on close. */
    readonly sharedClient?: boolean;
    /**
     * The event store's retry while the server is unreachable (adapters/store/esdb/backoff.ts): every call the
     * vault makes is a read, an append at an exact revision (its event made once, so a re-sent append is the
     * server's idempotent retry), a delete or a tombstone, so each is retried as the store retries its own.
     */
    readonly backoff?: Backoff;
}
export declare class EsdbKeyVault implements KeyVault {
    private readonly client;
    private readonly rootKey;
    private readonly fingerprintKey;
    private readonly options;
    private readonly backoff;
    private constructor();
    /** Checks the root key against `vault-rootcheck` (made by the first node): a wrong key stops the start. */
    static open(client: EventStoreDBClient, rootKey: Buffer, options?: EsdbVaultOptions): Promise<E.Either<KmsError, EsdbKeyVault>>;
    put(keyId: string, versionId: string, kind: MaterialKind, material: Buffer, imported: boolean): Promise<void>;
    get(keyId: string, versionId: string): Promise<E.Either<KmsError, StoredMaterial | undefined>>;
    /** True when the key has no fingerprint yet; else whether the material is the first committed import's. */
    matchesImportedFingerprint(keyId: string, material: Buffer): Promise<boolean>;
    /** After a committed import; the first fingerprint in `vault-<keyId>` wins (two nodes racing write it once). */
    recordImportedFingerprint(keyId: string, material: Buffer): Promise<void>;
    private recordedFingerprint;
    /** The same keyed fingerprint as SqliteKeyVault's (same derived key, same input): rows move between the two. */
    private fingerprint;
    destroyKey(keyId: string): Promise<void>;
    destroyImported(keyId: string): Promise<void>;
    putImportToken(tok: ImportTokenRow): Promise<void>;
    getImportToken(keyId: string, tokenId: string): Promise<E.Either<KmsError, ImportTokenRow | undefined>>;
    /**
     * Spends a token (single-use). A stream cannot drop one event, and deleting `vault-<keyId>.tokens` would take
     * the key's other outstanding tokens with it: an `ImportTokenSpent` marker makes getImportToken ignore it; the
     * wrapped token itself goes with the stream's `$maxAge` (2 days; from disk at a scavenge), or with the key.
     * A destroyed key's tombstoned stream takes nothing more: the token is gone already.
     */
    deleteImportToken(keyId: string, tokenId: string): Promise<void>;
    /**
     * Keys with material or a fingerprint (wrapped-rows.ts; tombstoned keys list nothing). It reads `$all` once,
     * whole: a tool's call (`vault copy`) or the shredding reconciliation's (SoftwareExecutor.heldKeyIds, every
     * 15 minutes by default and at start), never a request's. On a large log, space that job out (docs/esdb.md).
     */
    keyIds(): Promise<string[]>;
    /** The key's rows as stored, still wrapped. */
    wrappedRows(keyId: string): Promise<VaultRow[]>;
    /** Nothing to do: token streams carry `$maxAge`, so the server drops expired tokens (from disk at a scavenge). */
    deleteExpiredImportTokens(_now: Date): Promise<void>;
    /** Keys whose token stream still reads an event (within `$maxAge`); reads `$all` once, as keyIds does. */
    importTokenKeyIds(): Promise<string[]>;
    close(): Promise<void>;
    /**
     * Appends one event unless `present` already holds for the stream, with the exact revision read: two nodes
     * racing to record the same thing write it once. A tombstoned stream (a destroyed key) takes nothing more.
     * True when this append created the stream. A stream whose events all aged out (`$maxAge`) reads empty but
     * exists: the conflict's actual revision is the one to expect next.
     */
    private appendUnless;
}
/**
 * true when written; else another writer got there first (`actual`: the stream's revision, when it has one).
 * The event is made once, outside the retry: re-sent after a lost answer it carries the same id at the same
 * expected revision, which the server answers as an idempotent retry.
 */
export declare const appendExpecting: (client: EventStoreDBClient, stream: string, expected: bigint | typeof NO_STREAM, type: string, data: Record<string, unknown>, backoff?: Backoff) => Promise<true | {
    readonly actual: bigint | undefined;
}>;
