import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
import type { IdGenerator } from '../../domain/ports/ids.ts';
import type { UsageRecord, UsageRecorder } from '../../domain/ports/usage-recorder.ts';
import type { CommandContext } from '../../domain/kernel/context.ts';
/** Idle streams whose last revision stays cached; a forgotten one costs one conflict and retry on its next call. */
export declare const DEFAULT_MAX_IDLE_STREAMS = 10000;
/**
 * `ActionInvoked` onto `keyusage-<KeyId>` (docs/architecture.md §3), batched: calls that arrive while a stream's append is in
 * flight are written together by the next append, so a hot key costs a few appends (one fsync each with the
 * SQLite store) instead of one per call. Appends carry the expected revision from an in-memory cache of each
 * stream's last revision; on a conflict (another node, or a restart) the cache takes the store's actual revision
 * and the batch is retried. Each caller's promise settles only when its event is stored.
 */
export declare class EventStoreUsageRecorder implements UsageRecorder {
    private readonly store;
    private readonly ids;
    /** By stream id, least recently used first; idle entries beyond `maxIdleStreams` are dropped. */
    private readonly streams;
    private readonly maxIdleStreams;
    private readonly anyRevision;
    constructor(store: EventStore, ids: IdGenerator, options?: {
        maxIdleStreams?: number;
        /**
         * Append with expected revision `any`: for a store where that costs nothing more (SQLite finds a retried
         * event by its id in an index, and seals the chain on the actual head inside the transaction). Then several
         * processes recording calls on one hot key never conflict (serve --workers); ActionInvoked records depend
         * on no state, so no revision needs guarding. EventStoreDB keeps the revision cache (`any` would make its
         * idempotence check read the whole stream).
         */
        anyRevision?: boolean;
    });
    /** How many streams the recorder keeps state for now (for specs and operators). */
    get trackedStreams(): number;
    record(ctx: CommandContext, record: UsageRecord): Promise<E.Either<KmsError, void>>;
    private flush;
    /** Drops the least recently used idle streams beyond the bound; a stream with calls in flight is never dropped. */
    private trim;
    private appendBatch;
}
