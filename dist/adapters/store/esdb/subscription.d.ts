import { type EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts';
import type { ReadAllOptions, Subscription } from '../../../domain/ports/event-store.ts';
import type { SubscriptionErrorReporter } from '../live-feed.ts';
import { type Backoff } from './backoff.ts';
/**
 * A catch-up subscription to `$all`, filtered on the server by stream prefix (or, without prefixes, by a regex
 * that leaves out `$` streams), resumed from `after` (exclusive).
 *
 * - The handler is awaited; the gRPC stream is consumed with `for await`, so a slow handler back-pressures it.
 * - `last` is the position of the last event the handler finished. When the server goes away or the stream
 *   ends, the subscription waits (exponential backoff) and subscribes again after `last`. Events at or before
 *   `last` are dropped on the way in: nothing handled is delivered twice, nothing unhandled is skipped, even if
 *   the server's resume position turned out inclusive (UNVERIFIED, docs/esdb.md).
 * - A handler that throws ends the subscription and is reported, as in every store (the port's contract):
 *   skipping the event would lose it, retrying forever would spin on a poison event. The consumer resubscribes
 *   from its own checkpoint and sees the event again. A consumer that dies between the handler and storing its
 *   checkpoint sees the event again on restart too: consumers dedupe by position (at least once).
 * - `stop()` from inside the handler returns at once (the loop ends when the handler returns); awaiting the
 *   loop there would wait for itself.
 * - Server checkpoints (`checkpointReached`) are NOT used to move `last`: whether their position is inclusive is
 *   unverified, and a wrong guess would lose an event. After a reconnect a sparse subscription rescans from its
 *   last event instead, on the server side.
 */
export declare const subscribeAllResiliently: (client: EventStoreDBClient, options: Omit<ReadAllOptions, "limit">, handler: (e: RecordedEvent) => Promise<void> | void, backoff: Backoff, report: SubscriptionErrorReporter) => Subscription;
