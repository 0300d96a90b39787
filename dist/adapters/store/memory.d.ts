import * as E from 'fp-ts/lib/Either.js';
import type { NewEvent, RecordedEvent } from '../../domain/kernel/envelope.ts';
import type { AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription, WrongExpectedRevision } from '../../domain/ports/event-store.ts';
import type { SubscriptionErrorReporter } from './live-feed.ts';
/** The event store in memory: fast unit specs, and the reference behaviour the contract suite describes. */
export declare class MemoryEventStore implements EventStore {
    private readonly log;
    private readonly streams;
    private readonly byEventId;
    private readonly feed;
    private closed;
    constructor(options?: {
        onSubscriptionError?: SubscriptionErrorReporter;
    });
    append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<E.Either<WrongExpectedRevision, AppendResult>>;
    readStream(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]>;
    readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
    subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription;
    headPosition(): Promise<number>;
    close(): Promise<void>;
    private assertOpen;
}
