import * as E from 'fp-ts/lib/Either.js'
import { internalFailure, type KmsError } from '../domain/errors.ts'
import type { NewEvent, RecordedEvent } from '../domain/kernel/envelope.ts'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { IdGenerator } from '../domain/ports/ids.ts'
import { toMetadata, type CommandContext } from '../domain/kernel/context.ts'

export { toMetadata }
import type { Decider } from '../domain/kernel/decider.ts'
import { schemaVersionOf, upcast } from '../domain/kernel/upcast.ts'

export interface Loaded<S> {
  readonly state: S
  /** Revision of the stream's last event, -1 when the stream does not exist. */
  readonly revision: number
  readonly events: readonly RecordedEvent[]
}

export interface Handled<S, Ev> {
  readonly state: S
  readonly events: readonly Ev[]
  /** Global position of the last appended event; 0 when the command changed nothing. */
  readonly position: number
  readonly revision: number
}

export const MAX_ATTEMPTS = 12

/** Randomised, growing pause between attempts, so contenders for one stream spread out instead of colliding again. */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)))

/**
 * load → decide → append with the expected revision → on conflict reload and decide again, a bounded number
 * of times (docs/architecture.md §10). Returns the new events and the global position read models must reach.
 */
export class CommandHandler {
  /**
   * Folded states by the array a read returned: a store that hands back the same array while the stream is
   * unchanged (the SQLite store's stream cache) spares each call the decode and fold of the key's events.
   */
  private readonly folded = new WeakMap<readonly RecordedEvent[], Map<unknown, Loaded<unknown>>>()

  constructor(private readonly store: EventStore, private readonly ids: IdGenerator) {}

  async load<C, S, Ev extends { type: string; data: unknown }>(decider: Decider<C, S, Ev>, streamId: string): Promise<E.Either<KmsError, Loaded<S>>> {
    const recorded = await this.store.readStream(streamId)
    let byDecider = this.folded.get(recorded)
    const known = byDecider?.get(decider)
    if (known) return E.right(known as Loaded<S>)
    const loaded = this.fold(decider, streamId, recorded)
    if (E.isRight(loaded) && Object.isFrozen(recorded)) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- an empty cache map, typed by its parameter
      if (!byDecider) this.folded.set(recorded, (byDecider = new Map()))
      byDecider.set(decider, loaded.right)
    }
    return loaded
  }

  private fold<C, S, Ev extends { type: string; data: unknown }>(decider: Decider<C, S, Ev>, streamId: string, recorded: readonly RecordedEvent[]): E.Either<KmsError, Loaded<S>> {
    let state = decider.initialState
    for (const r of recorded) {
      const decoded = decider.codec.decode(upcast(r))
      if (E.isLeft(decoded))
        return E.left(internalFailure(`Event ${r.revision} of stream ${streamId} (${r.type}) does not decode; the store needs an audit.`))
      state = decider.evolve(state, decoded.right)
    }
    return E.right({ state, revision: recorded.length - 1, events: recorded })
  }

  async handle<C, S, Ev extends { type: string; data: unknown }>(
    decider: Decider<C, S, Ev>,
    streamId: string,
    command: C,
    ctx: CommandContext,
    /** Runs after decide and before append, e.g. to make key material the new events refer to. */
    beforeAppend?: (events: readonly Ev[], state: S) => Promise<E.Either<KmsError, void>>
  ): Promise<E.Either<KmsError, Handled<S, Ev>>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(decider, streamId)
      if (E.isLeft(loaded)) return loaded
      const { state, revision } = loaded.right
      const decided = decider.decide(command, state)
      if (E.isLeft(decided)) return decided
      const events = decided.right
      if (events.length === 0) return E.right({ state, events, position: 0, revision })
      if (beforeAppend) {
        const prepared = await beforeAppend(events, state)
        if (E.isLeft(prepared)) return prepared
      }
      const metadata = toMetadata(ctx)
      const newEvents: NewEvent[] = events.map((e) => ({
        eventId: this.ids.eventId(), type: e.type, data: e.data, metadata: { ...metadata, schemaVersion: schemaVersionOf(e.type) },
      }))
      const appended = await this.store.append(streamId, revision < 0 ? 'no_stream' : revision, newEvents)
      if (E.isRight(appended)) {
        return E.right({
          state: events.reduce(decider.evolve, state),
          events,
          position: appended.right.position,
          revision: appended.right.lastRevision,
        })
      }
      if (attempt >= MAX_ATTEMPTS)
        return E.left({ code: 'Rejected.ConcurrentModification', httpStatus: 409, message: `Stream ${streamId} kept changing; try again.` })
      await backoff(attempt)
    }
  }
}
