import * as E from 'fp-ts/lib/Either.js'
import { faultCause, internalFailure, type KmsError } from '../../domain/errors.ts'
import type { NewEvent } from '../../domain/kernel/envelope.ts'
import { keyUsageStreamId } from '../../domain/key/events.ts'
import type { EventStore } from '../../domain/ports/event-store.ts'
import type { IdGenerator } from '../../domain/ports/ids.ts'
import type { UsageRecord, UsageRecorder } from '../../domain/ports/usage-recorder.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import { toMetadata } from '../../domain/kernel/context.ts'
import { schemaVersionOf } from '../../domain/kernel/upcast.ts'
import { ForeignDenials, type ForeignDenialOptions } from './foreign-denials.ts'

interface Pending {
  readonly event: NewEvent
  readonly done: (r: E.Either<KmsError, void>) => void
}

interface StreamQueue {
  pending: Pending[]
  flushing: boolean
  /** Revision of the stream's last event as this process last saw it; undefined until the first append. */
  lastRevision: number | undefined
}

const MAX_BATCH = 500
const MAX_ATTEMPTS = 8
/** Idle streams whose last revision stays cached; a forgotten one costs one conflict and retry on its next call. */
export const DEFAULT_MAX_IDLE_STREAMS = 10_000

/**
 * `ActionInvoked` onto `keyusage-<KeyId>` (docs/architecture.md §3), batched: calls that arrive while a stream's append is in
 * flight are written together by the next append, so a hot key costs a few appends (one fsync each with the
 * SQLite store) instead of one per call. Appends carry the expected revision from an in-memory cache of each
 * stream's last revision; on a conflict (another node, or a restart) the cache takes the store's actual revision
 * and the batch is retried. Each caller's promise settles only when its event is stored.
 */
export class EventStoreUsageRecorder implements UsageRecorder {
  /** By stream id, least recently used first; idle entries beyond `maxIdleStreams` are dropped. */
  private readonly streams = new Map<string, StreamQueue>()
  private readonly maxIdleStreams: number

  private readonly anyRevision: boolean
  /** Another account's refusals, aggregated before they reach this recorder's append (foreign-denials.ts). */
  readonly foreignDenials: ForeignDenials

  constructor(
    private readonly store: EventStore,
    private readonly ids: IdGenerator,
    options: {
      maxIdleStreams?: number
      /**
       * Append with expected revision `any`: for a store where that costs nothing more (SQLite finds a retried
       * event by its id in an index, and seals the chain on the actual head inside the transaction). Then several
       * processes recording calls on one hot key never conflict (serve --workers); ActionInvoked records depend
       * on no state, so no revision needs guarding. EventStoreDB keeps the revision cache (`any` would make its
       * idempotence check read the whole stream).
       */
      anyRevision?: boolean
      /** Aggregation of another account's refusals: window, rate limit, clock. */
      foreignDenials?: ForeignDenialOptions
      /** Told when an aggregated record could not be stored (it is written after its calls were answered). */
      onLateFailure?: (message: string) => void
    } = {}
  ) {
    this.maxIdleStreams = Math.max(0, options.maxIdleStreams ?? DEFAULT_MAX_IDLE_STREAMS)
    this.anyRevision = options.anyRevision ?? false
    this.foreignDenials = new ForeignDenials((ctx, r) => this.record(ctx, r), options.onLateFailure ?? (() => undefined), options.foreignDenials)
  }

  recordForeignDenial(ctx: CommandContext, record: UsageRecord, callerAccount: string): void {
    this.foreignDenials.note(ctx, record, callerAccount)
  }

  /** Writes the refusals still counted, and stops the aggregation's timer. */
  close(): Promise<void> {
    return this.foreignDenials.close()
  }

  /** How many streams the recorder keeps state for now (for specs and operators). */
  get trackedStreams(): number {
    return this.streams.size
  }

  record(ctx: CommandContext, record: UsageRecord): Promise<E.Either<KmsError, void>> {
    const streamId = keyUsageStreamId(record.keyId)
    const event: NewEvent = {
      eventId: this.ids.eventId(), type: 'ActionInvoked', data: record,
      metadata: { ...toMetadata(ctx), schemaVersion: schemaVersionOf('ActionInvoked') },
    }
    return new Promise((done) => {
      let q = this.streams.get(streamId)
      if (q) this.streams.delete(streamId) // re-inserted below: most recently used goes last
      else q = { pending: [], flushing: false, lastRevision: undefined }
      this.streams.set(streamId, q)
      q.pending.push({ event, done })
      if (!q.flushing) {
        q.flushing = true
        // Let the calls of this tick join the batch before the first append.
        setImmediate(() => void this.flush(streamId, q))
      }
    })
  }

  private async flush(streamId: string, q: StreamQueue): Promise<void> {
    while (q.pending.length > 0) {
      const batch = q.pending.splice(0, MAX_BATCH)
      const result = await this.appendBatch(streamId, q, batch.map((p) => p.event))
      for (const p of batch) p.done(result)
    }
    q.flushing = false
    this.trim()
  }

  /** Drops the least recently used idle streams beyond the bound; a stream with calls in flight is never dropped. */
  private trim(): void {
    let excess = this.streams.size - this.maxIdleStreams
    if (excess <= 0) return
    for (const [id, q] of this.streams) {
      if (excess <= 0) break
      if (q.flushing || q.pending.length > 0) continue
      this.streams.delete(id)
      excess--
    }
  }

  private async appendBatch(streamId: string, q: StreamQueue, events: NewEvent[]): Promise<E.Either<KmsError, void>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const expected = this.anyRevision ? 'any' : q.lastRevision === undefined || q.lastRevision < 0 ? 'no_stream' : q.lastRevision
      try {
        const appended = await this.store.append(streamId, expected, events)
        if (E.isRight(appended)) {
          q.lastRevision = appended.right.lastRevision
          return E.right(undefined)
        }
        q.lastRevision = appended.left.actual
      } catch (e) {
        q.lastRevision = undefined
        // The cause's words (never key bytes: faultCause) tell a full or failing disk from a bug (storage-fault.ts).
        return E.left(internalFailure(`The usage record could not be stored: ${faultCause(e)}`))
      }
    }
    return E.left(internalFailure(`The usage stream ${streamId} kept changing; try again.`))
  }
}
