import { EventStoreDBClient } from '@eventstore/db-client'
import type * as E from 'fp-ts/lib/Either.js'
import type { NewEvent, RecordedEvent } from '../../../domain/kernel/envelope.ts'
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription, WrongExpectedRevision,
} from '../../../domain/ports/event-store.ts'
import { appendSealed } from './append.ts'
import { type Backoff, DEFAULT_BACKOFF, retryWhileUnavailable } from './backoff.ts'
import { lastUserPosition, readAllEvents, readStreamEvents } from './read.ts'
import { type SubscriptionErrorReporter, warnSubscriptionFailed } from '../live-feed.ts'
import { subscribeAllResiliently } from './subscription.ts'

export interface EsdbStoreOptions {
  /** Reconnection backoff for subscriptions, and retries of one-shot calls while the server is unreachable. */
  readonly backoff?: Partial<Backoff>
  /** Told when a subscription ends because its handler threw (default: a process warning). */
  readonly onSubscriptionError?: SubscriptionErrorReporter
}

/**
 * The event store on EventStoreDB (docs/architecture.md §8) through `@eventstore/db-client` 6.2.1. Streams are named as the
 * service names them (`key-…`, `keyusage-…`, `alias-…`); events are JSON with the sealed envelope as metadata.
 * Positions are `$all` commit positions (see positions.ts and docs/esdb.md).
 */
export class EsdbEventStore implements EventStore {
  /** Also the vault's on the same database (adapters/vault/esdb-vault.ts): one retry policy for the node. */
  readonly backoff: Backoff
  private readonly report: SubscriptionErrorReporter
  private readonly subscriptions = new Set<Subscription>()

  /** The connection, shared with the vault of the same database (adapters/vault/esdb-vault.ts). */
  constructor(readonly client: EventStoreDBClient, options: EsdbStoreOptions = {}) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff }
    this.report = options.onSubscriptionError ?? warnSubscriptionFailed
  }

  append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<E.Either<WrongExpectedRevision, AppendResult>> {
    return retryWhileUnavailable(this.backoff, () => appendSealed(this.client, streamId, expected, events))
  }

  readStream(streamId: string, fromRevision = 0, limit?: number): Promise<RecordedEvent[]> {
    if (limit !== undefined && limit <= 0) return Promise.resolve([])
    return retryWhileUnavailable(this.backoff, () =>
      readStreamEvents(this.client, streamId, { fromRevision: Math.max(0, fromRevision), ...(limit !== undefined ? { maxCount: limit } : {}) }))
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return retryWhileUnavailable(this.backoff, () => readAllEvents(this.client, options))
  }

  subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription {
    const sub = subscribeAllResiliently(this.client, options, handler, this.backoff, this.report)
    const tracked: Subscription = {
      stop: async () => {
        this.subscriptions.delete(tracked)
        await sub.stop()
      },
    }
    this.subscriptions.add(tracked)
    return tracked
  }

  headPosition(): Promise<number> {
    return retryWhileUnavailable(this.backoff, () => lastUserPosition(this.client))
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()))
    await this.client.dispose()
  }
}

/** `esdb://host:2113?tls=false` (any connection string the client accepts, `esdb+discover://` included). */
export const openEsdbEventStore = async (connectionString: string, options: EsdbStoreOptions = {}): Promise<EsdbEventStore> =>
  new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options)
