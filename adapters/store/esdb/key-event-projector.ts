import * as E from 'fp-ts/lib/Either.js'
import { BACKWARDS, END, jsonEvent, StreamNotFoundError } from '@eventstore/db-client'
import type { RecordedEvent } from '../../../domain/kernel/envelope.ts'
import type { Subscription } from '../../../domain/ports/event-store.ts'
import { decodeRecorded, type ProjectedEvent } from '../../../projections/projected-event.ts'
import { publicEventKeyId, toPublicKeyEvent } from '../../../projections/feed/key-events.ts'
import { nextDelay, retryWhileUnavailable, wakeableSleep } from './backoff.ts'
import { DERIVED_STREAM_PREFIX } from './events.ts'
import { ADMINS_ONLY, appendPublicEvent, type StreamReaders, type StreamTail } from './key-event-streams.ts'
import type { EsdbEventStore } from './store.ts'

// Projects the log's key events into the public per-account streams (key-event-streams.ts; docs/key-events.md
// "On EventStoreDB"). Every node may run it: what a stream already holds is never appended again.

/** The projector's checkpoint: the source position it has projected up to (a start hint, not a guarantee). */
export const KEY_EVENTS_CHECKPOINT_STREAM = `${DERIVED_STREAM_PREFIX}checkpoint-key-events`
const CHECKPOINT_TYPE = 'KeyEventsProjected'

export interface KeyEventProjectorOptions {
  /** Who may read each account's stream (`$acl.$r`); default `$admins` only. */
  readonly readers?: StreamReaders
  /** Write the checkpoint after this many handled source events (default 100), and when stopped. */
  readonly checkpointEvery?: number
  /** Told of a failure to project an event; the projector waits (backoff) and tries the same event again. */
  readonly onError?: (err: unknown) => void
}

export interface KeyEventProjector {
  /** The source position of the last event handled (projected, or seen to need nothing). */
  readonly position: () => number
  stop(): Promise<void>
}

/** The last checkpoint's position (0: none). Read to the end of the answer: see readTail. */
const readCheckpoint = async (store: EsdbEventStore): Promise<number> => {
  let position = 0
  try {
    for await (const r of store.client.readStream(KEY_EVENTS_CHECKPOINT_STREAM, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      const p = (r.event?.data as { position?: unknown } | undefined)?.position
      if (typeof p === 'number') position = p
    }
  } catch (err) {
    if (!(err instanceof StreamNotFoundError)) throw err
  }
  return position
}

/** A key's account and ARN, from its stream's first event (`KeyCreated`), remembered per key. */
const keyOwner = (store: EsdbEventStore) => {
  const owners = new Map<string, { accountId: string; arn: string } | null>()
  return async (e: ProjectedEvent, keyId: string): Promise<{ accountId: string; arn: string } | null> => {
    if (e.kind === 'key' && e.event.type === 'KeyCreated') owners.set(keyId, { accountId: e.event.data.accountId, arn: e.event.data.arn })
    if (!owners.has(keyId)) {
      const [first] = await store.readStream(`key-${keyId}`, 0, 1)
      const created = first ? decodeRecorded(first) : undefined
      owners.set(keyId, created && E.isRight(created) && created.right.kind === 'key' && created.right.event.type === 'KeyCreated'
        ? { accountId: created.right.event.data.accountId, arn: created.right.event.data.arn }
        : null)
    }
    return owners.get(keyId)!
  }
}

export const startKeyEventProjector = async (store: EsdbEventStore, o: KeyEventProjectorOptions = {}): Promise<KeyEventProjector> => {
  const readers = o.readers ?? ADMINS_ONLY
  const every = o.checkpointEvery ?? 100
  const client = store.client
  const tails = new Map<string, StreamTail>()
  const ownerOf = keyOwner(store)
  let position = await retryWhileUnavailable(store.backoff, () => readCheckpoint(store))
  let checkpointed = position
  let sinceCheckpoint = 0
  let stopped = false
  let sleeping: { wake: () => void } | undefined

  const project = async (r: RecordedEvent): Promise<void> => {
    const decoded = decodeRecorded(r)
    // An event that does not decode has no public form here; ListKeyEvents skips it the same way.
    if (E.isLeft(decoded)) return
    const keyId = publicEventKeyId(decoded.right)
    if (keyId === undefined) return
    const owner = await ownerOf(decoded.right, keyId)
    const pub = owner ? toPublicKeyEvent(decoded.right, owner.arn) : undefined
    if (!owner || !pub) return
    await retryWhileUnavailable(store.backoff, () => appendPublicEvent(client, tails, readers, owner.accountId, pub, r.eventId))
  }

  const writeCheckpoint = async (): Promise<void> => {
    if (position === checkpointed) return
    const at = position
    await retryWhileUnavailable(store.backoff, () =>
      client.appendToStream(KEY_EVENTS_CHECKPOINT_STREAM, jsonEvent({ type: CHECKPOINT_TYPE, data: { position: at } })))
    checkpointed = at
    sinceCheckpoint = 0
  }

  // A failure is retried on the same event, never skipped: a gap in a consumer's stream would be silent.
  const handle = async (r: RecordedEvent): Promise<void> => {
    let delay = store.backoff.initialMs
    while (!stopped) {
      try {
        await project(r)
        position = r.position
        if (++sinceCheckpoint >= every) await writeCheckpoint()
        return
      } catch (err) {
        o.onError?.(err)
        const sleep = wakeableSleep(delay)
        sleeping = sleep
        await sleep.done
        sleeping = undefined
        delay = nextDelay(store.backoff, delay)
      }
    }
  }

  const sub: Subscription = store.subscribeAll({ after: position, streamPrefixes: ['key-'] }, handle)
  return {
    position: () => position,
    stop: async () => {
      stopped = true
      sleeping?.wake()
      await sub.stop()
      await writeCheckpoint().catch((err: unknown) => o.onError?.(err))
    },
  }
}
