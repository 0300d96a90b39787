import { createHash } from 'node:crypto'
import { BACKWARDS, END, jsonEvent, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, type EventStoreDBClient, type JSONType } from '@eventstore/db-client'
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore, Subscription } from '../../../domain/ports/event-store.ts'
import { decodeRecorded } from '../../../projections/projected-event.ts'
import { PUBLIC_FEED_STREAM_PREFIX } from './events.ts'
import { publicEventKeyId, toPublicKeyEvent, type PublicKeyEvent } from '../../../projections/feed/key-events.ts'

// The public key-event feed as EventStoreDB streams (docs/key-events.md "On EventStoreDB"): each account's public
// events (the `keyledger.key-event/1` schema, nothing else) appended to `keyledger-key-events-<accountId>`, which
// other systems read or subscribe to with the official client. One stream per account, so EventStoreDB's own
// stream ACLs give each account's systems its stream and no other. The streams are derived: every node writes
// them, each append with the expected revision it read, so two nodes never write an event twice (the loser reads
// the winner's event and skips it); a node restarted scans the key streams again and skips what is published.
// Event ids are derived from the source event's, so a duplicate is recognisable even by hand.

export const keyEventsStream = (accountId: string): string => `${PUBLIC_FEED_STREAM_PREFIX}${accountId}`
/** The event type of every event in those streams: its `type` field says which lifecycle change. */
export const PUBLIC_EVENT_TYPE = 'keyledger.key-event'

const PAGE = 500

interface Published { revision: bigint | typeof NO_STREAM; position: number }

/** A UUID made from the source event's id: the same public event always has the same id. */
const derivedId = (eventId: string): string => {
  const h = createHash('sha256').update(`keyledger-key-events\u0000${eventId}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export interface PublisherLog { warn(obj: object, msg: string): void }

export class KeyEventStreamPublisher {
  private readonly published = new Map<string, Published>()
  private readonly keys = new Map<string, { arn: string; accountId: string }>()
  private after = 0
  private subscription: Subscription | undefined
  private pumping: Promise<void> = Promise.resolve()
  private again = false
  private stopped = false

  private constructor(private readonly store: EventStore, private readonly client: EventStoreDBClient, private readonly log: PublisherLog) {}

  /** Publishes everything not yet published, then follows the key streams until `stop`. */
  static async start(store: EventStore, client: EventStoreDBClient, log: PublisherLog): Promise<KeyEventStreamPublisher> {
    const p = new KeyEventStreamPublisher(store, client, log)
    await p.pump()
    p.subscription = store.subscribeAll({ after: p.after, streamPrefixes: ['key-'] }, () => p.wake())
    return p
  }

  /** Resolves once every key event in the store when it was called is published (specs, and `stop`). */
  async settled(): Promise<void> {
    this.wake()
    await this.pumping
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.subscription?.stop()
    await this.pumping
  }

  private wake(): void {
    if (this.stopped) return
    this.again = true
    this.pumping = this.pumping.then(async () => {
      while (this.again && !this.stopped) {
        this.again = false
        await this.pump().catch((e: unknown) => this.log.warn({ err: e instanceof Error ? e.message : String(e) },
          'key-event streams: publishing failed; retried on the next key event (or at the next start)'))
      }
    })
  }

  private async pump(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.after, limit: PAGE, streamPrefixes: ['key-'] })
      for (const r of page) {
        const decoded = decodeRecorded(r)
        if (E.isRight(decoded)) {
          const d = decoded.right
          if (d.kind === 'key' && d.event.type === 'KeyCreated') this.keys.set(d.event.data.keyId, { arn: d.event.data.arn, accountId: d.event.data.accountId })
          const keyId = publicEventKeyId(d)
          const key = keyId === undefined ? undefined : this.keys.get(keyId)
          const pub = key ? toPublicKeyEvent(d, key.arn) : undefined
          if (key && pub) await this.publish(keyEventsStream(key.accountId), pub)
        }
        this.after = r.position
      }
      if (page.length < PAGE) return
    }
  }

  private async lastPublished(stream: string): Promise<Published> {
    const known = this.published.get(stream)
    if (known) return known
    let found: Published = { revision: NO_STREAM, position: 0 }
    try {
      for await (const r of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))
        if (r.event) found = { revision: r.event.revision, position: (r.event.data as { position?: number }).position ?? 0 }
    } catch (e) {
      if (!(e instanceof StreamNotFoundError)) throw e
    }
    this.published.set(stream, found)
    return found
  }

  private async publish(stream: string, pub: PublicKeyEvent): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const last = await this.lastPublished(stream)
      if (pub.position <= last.position) return // published already (by this node before a restart, or another node)
      try {
        const r = await this.client.appendToStream(stream, jsonEvent({ id: derivedId(pub.eventId), type: PUBLIC_EVENT_TYPE, data: pub as unknown as JSONType }),
          { expectedRevision: last.revision })
        this.published.set(stream, { revision: r.nextExpectedRevision, position: pub.position })
        return
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e
        this.published.delete(stream) // another node appended: read its last event again
      }
    }
    throw new Error(`${stream}: the append kept losing to other writers`)
  }
}
