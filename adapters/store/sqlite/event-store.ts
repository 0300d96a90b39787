import type { Database } from 'better-sqlite3'
import type { NewEvent, RecordedEvent } from '../../../domain/kernel/envelope.ts'
import type { EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../../../domain/ports/event-store.ts'
import { LiveFeed, type SubscriptionErrorReporter } from '../live-feed.ts'
import { GroupCommit, type CommitStats } from './group-commit.ts'
import { openDatabase } from './open.ts'
import { decodeRow } from './rows.ts'
import { prepareStatements, type Statements } from './statements.ts'
import type { AppendOutcome } from './write-append.ts'

export interface SqliteEventStoreOptions {
  /** How often subscribers look for commits made by other processes sharing the file (local commits wake them at once). */
  readonly pollIntervalMs?: number
  readonly busyTimeoutMs?: number
  readonly onSubscriptionError?: SubscriptionErrorReporter
}

/** The default event store (DESIGN §8): one SQLite file, WAL, every acknowledged append fsynced, group commit. */
export class SqliteEventStore implements EventStore {
  private readonly st: Statements
  private readonly writer: GroupCommit
  private readonly feed: LiveFeed
  private closing = false

  private constructor(private readonly db: Database, options: SqliteEventStoreOptions) {
    this.st = prepareStatements(db)
    this.feed = new LiveFeed(options.pollIntervalMs ?? 200, options.onSubscriptionError)
    this.writer = new GroupCommit(this.st, () => this.feed.notify())
  }

  static async open(path: string, options: SqliteEventStoreOptions = {}): Promise<SqliteEventStore> {
    return new SqliteEventStore(openDatabase(path, options), options)
  }

  append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<AppendOutcome> {
    if (this.closing) return Promise.reject(new Error('the event store is closed'))
    return this.writer.enqueue({ streamId, expected, events })
  }

  async readStream(streamId: string, fromRevision = 0, limit?: number): Promise<RecordedEvent[]> {
    this.assertOpen()
    // `LIMIT -1` is SQLite's "no limit".
    return this.st.readStream.all(streamId, Math.max(0, fromRevision), limit === undefined ? -1 : Math.max(0, limit)).map(decodeRow)
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen()
    return this.st.readAll(options.after ?? 0, options.limit ?? -1, options.streamPrefixes ?? []).map(decodeRow)
  }

  subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription {
    return this.feed.subscribe(options, (o) => this.readAll(o), handler)
  }

  async headPosition(): Promise<number> {
    this.assertOpen()
    return this.st.head.get()!.head
  }

  /** Transactions and appends written so far: group commit at work shows as appends > transactions. */
  commitStats(): Readonly<CommitStats> {
    return { ...this.writer.stats }
  }

  /** Writes what is queued, stops subscriptions (waiting for running handlers), then closes the file. */
  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    this.writer.drain()
    await this.feed.close()
    this.db.close()
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('the event store is closed')
  }
}
