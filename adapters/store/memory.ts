import * as E from 'fp-ts/lib/Either.js'
import type { NewEvent, RecordedEvent } from '../../domain/events/envelope.ts'
import { GENESIS_HASH, sealEvents } from '../../domain/events/hash-chain.ts'
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, Subscription, WrongExpectedRevision,
} from '../../domain/ports/event-store.ts'
import { expectedRevisionHolds, idempotentRetry, LiveFeed, matchesPrefixes } from './shared.ts'

/** The event store in memory: fast unit specs, and the reference behaviour the contract suite describes. */
export class MemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = []
  private readonly streams = new Map<string, RecordedEvent[]>()
  private readonly feed = new LiveFeed()

  async append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<E.Either<WrongExpectedRevision, AppendResult>> {
    const stream = this.streams.get(streamId) ?? []
    const retry = idempotentRetry(stream, expected, events)
    if (retry) return E.right(retry)
    const actual = stream.length - 1
    if (!expectedRevisionHolds(expected, actual)) return E.left({ kind: 'WrongExpectedRevision', streamId, expected, actual })
    const prevHash = stream.length ? stream[stream.length - 1]!.metadata.hash : GENESIS_HASH
    const sealed = sealEvents(streamId, stream.length, prevHash, events)
    for (const e of sealed) {
      const recorded: RecordedEvent = { ...e, streamId, revision: stream.length, position: this.log.length + 1 }
      stream.push(recorded)
      this.log.push(recorded)
    }
    this.streams.set(streamId, stream)
    this.feed.notify()
    return E.right({ lastRevision: stream.length - 1, position: this.log.length })
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    return (this.streams.get(streamId) ?? []).slice(fromRevision)
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = []
    for (let i = options.after ?? 0; i < this.log.length && out.length < (options.limit ?? Infinity); i++) {
      const e = this.log[i]!
      if (matchesPrefixes(e.streamId, options.streamPrefixes)) out.push(e)
    }
    return out
  }

  subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription {
    return this.feed.subscribe(options, (o) => this.readAll(o), handler)
  }

  async headPosition(): Promise<number> {
    return this.log.length
  }

  async close(): Promise<void> {
    await this.feed.close()
  }
}
