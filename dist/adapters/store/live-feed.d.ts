import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
import type { ReadAllOptions, Subscription } from '../../domain/ports/event-store.ts';
export type SubscriptionErrorReporter = (error: unknown) => void;
/** Default: a failed subscription must not end silently, or a read model would freeze without anyone noticing. */
export declare const warnSubscriptionFailed: SubscriptionErrorReporter;
/**
 * Catch-up subscriptions over a store that can `readAll`: read pages from the checkpoint, then sleep until a
 * notification (a local commit) or a poll tick (commits by other processes sharing the store), and read again.
 * Each subscription delivers in order, one event at a time, awaiting its handler.
 *
 * A handler that throws (or a read that fails) ends that subscription and is reported: skipping the event would
 * break "exactly once, in order", and retrying forever would spin on a poison event. The store is unaffected.
 */
export declare class LiveFeed {
    private readonly pollMs;
    private readonly report;
    /** Bumped on every notify, so a commit that lands while a subscriber reads or runs its handler is not lost. */
    private version;
    private readonly sleepers;
    private readonly running;
    private closed;
    /** Which subscription's handler the current async context runs in: stop() from inside a handler must not wait for itself. */
    private readonly insideHandler;
    constructor(pollMs?: number, report?: SubscriptionErrorReporter);
    notify(): void;
    /**
     * `head`: the store's last position. A subscription to some stream prefixes moves its checkpoint past the events
     * it filtered out, so the next read starts after them: otherwise every commit to other streams (each call's
     * usage record) would make it rescan a tail that grows with the store.
     */
    subscribe(options: Omit<ReadAllOptions, 'limit'>, readAll: (o: ReadAllOptions) => Promise<RecordedEvent[]>, handler: (e: RecordedEvent) => Promise<void> | void, head?: () => Promise<number>): Subscription;
    /** Stops every subscription and waits for running handlers, so the store can release its resources after. */
    close(): Promise<void>;
    private sleep;
}
