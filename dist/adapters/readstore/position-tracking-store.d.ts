import type { NewEvent } from '../../domain/kernel/envelope.ts';
import type { EventStore, ExpectedRevision, ReadAllOptions } from '../../domain/ports/event-store.ts';
import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
export declare class PositionTrackingStore implements EventStore {
    private readonly inner;
    private readonly context;
    constructor(inner: EventStore);
    /** Runs `f`, returning its value and the highest position its tracked appends reached (0: none). */
    track<T>(f: () => Promise<T>): Promise<{
        value: T;
        position: number;
    }>;
    append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<import("fp-ts/lib/Either.js").Either<import("../../domain/ports/event-store.ts").WrongExpectedRevision, import("../../domain/ports/event-store.ts").AppendResult>>;
    readStream(streamId: string, fromRevision?: number, limit?: number): Promise<RecordedEvent[]>;
    readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
    subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): import("../../domain/ports/event-store.ts").Subscription;
    headPosition(): Promise<number>;
    close(): Promise<void>;
}
