import { EventStoreDBClient } from '@eventstore/db-client';
import type * as E from 'fp-ts/lib/Either.js';
import type { NewEvent, RecordedEvent } from '../../../domain/kernel/envelope.ts';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription, WrongExpectedRevision } from '../../../domain/ports/event-store.ts';
import { type Backoff } from './backoff.ts';
import { type SubscriptionErrorReporter } from '../live-feed.ts';
export interface EsdbStoreOptions {
    /** Reconnection backoff for subscriptions, and retries of one-shot calls while the server is unreachable. */
    readonly backoff?: Partial<Backoff>;
    /** Told when a subscription ends because its handler threw (default: a process warning). */
    readonly onSubscriptionError?: SubscriptionErrorReporter;
}
/**
 * The event store on EventStoreDB (docs/architecture.md §8) through `@eventstore/db-client` 6.2.1. Streams are named as the
 * service names them (`key-…`, `keyusage-…`, `alias-…`); events are JSON with the sealed envelope as metadata.
 * Positions are `$all` commit positions (see positions.ts and docs/esdb.md).
 */
export declare class EsdbEventStore implements EventStore {
    readonly client: EventStoreDBClient;
    /** Also the vault's on the same database (adapters/vault/esdb-vault.ts): one retry policy for the node. */
    readonly backoff: Backoff;
    private readonly report;
    private readonly subscriptions;
    /** The connection, shared with the vault of the same database (adapters/vault/esdb-vault.ts). */
    constructor(client: EventStoreDBClient, options?: EsdbStoreOptions);
    append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<E.Either<WrongExpectedRevision, AppendResult>>;
    readStream(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]>;
    readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
    subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription;
    headPosition(): Promise<number>;
    close(): Promise<void>;
}
/** `esdb://host:2113?tls=false` (any connection string the client accepts, `esdb+discover://` included). */
export declare const openEsdbEventStore: (connectionString: string, options?: EsdbStoreOptions) => Promise<EsdbEventStore>;
