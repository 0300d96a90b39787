import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { EventStore, Subscription } from '../../domain/ports/event-store.ts'
import {
  decodeDueKeysEvent, DUE_KEYS_STREAM_PREFIXES, evolveAliasBinding, evolveDueKey,
  type AliasBinding, type DueKey, type DueKeysView, type RotationUnit,
} from '../../projections/due-keys.ts'

/** What a job reads: the view, after catching up with the store. */
export interface DueKeysSource {
  view(): DueKeysView
  /** Folds every event of the followed streams already in the store, so a run acts on what is committed now. */
  catchUp(): Promise<void>
}

interface FeedLog {
  warn(obj: object, msg: string): void
}

const PAGE = 500

/**
 * The due-keys view held in memory, fed by `store.subscribeAll` (live) and by `catchUp` (before each run: a
 * subscription over a store shared by several processes only sees their commits on its next poll). Both paths
 * apply the row folds of `projections/due-keys.ts` in place, in position order, each event once.
 * Until the projection runner and read store take it over, every server start refolds from position 0.
 */
export class DueKeysFeed implements DueKeysSource {
  private readonly keys = new Map<string, DueKey>()
  private readonly aliases = new Map<string, AliasBinding>()
  private position = 0
  private undecodable = 0
  private subscription: Subscription | undefined

  private constructor(
    private readonly store: EventStore,
    private readonly rotationUnit: RotationUnit,
    private readonly log?: FeedLog
  ) {}

  static start(store: EventStore, options: { rotationUnit?: RotationUnit; log?: FeedLog } = {}): DueKeysFeed {
    const feed = new DueKeysFeed(store, options.rotationUnit ?? 'day', options.log)
    feed.subscription = store.subscribeAll({ streamPrefixes: DUE_KEYS_STREAM_PREFIXES }, (e) => feed.apply(e))
    return feed
  }

  view(): DueKeysView {
    return { position: this.position, rotationUnit: this.rotationUnit, keys: this.keys, aliases: this.aliases, undecodable: this.undecodable }
  }

  async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({ after: this.position, limit: PAGE, streamPrefixes: DUE_KEYS_STREAM_PREFIXES })
      for (const e of page) this.apply(e)
      if (page.length < PAGE) return
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.stop()
    this.subscription = undefined
  }

  private apply(e: RecordedEvent): void {
    if (e.position <= this.position) return // already folded through the other path
    const change = decodeDueKeysEvent(e)
    if (change.kind === 'key') {
      const row = evolveDueKey(this.keys.get(change.keyId), change.event)
      if (row) this.keys.set(change.keyId, row)
    } else if (change.kind === 'alias') {
      this.aliases.set(change.streamId, evolveAliasBinding(this.aliases.get(change.streamId), change.event))
    } else if (change.kind === 'undecodable') {
      this.undecodable++
      this.log?.warn({ streamId: e.streamId, revision: e.revision, type: e.type }, 'due-keys view: event does not decode; skipped (audit the store)')
    }
    this.position = e.position
  }
}
