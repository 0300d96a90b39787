import type { Database } from 'better-sqlite3'
import type { NewEvent, RecordedEvent } from '../../../domain/kernel/envelope.ts'
import type { AuditTree } from '../../../domain/ports/audit-tree.ts'
import type { EventStore, ExpectedRevision, ReadAllOptions, Subscription } from '../../../domain/ports/event-store.ts'
import { LiveFeed, type SubscriptionErrorReporter } from '../live-feed.ts'
import type { CommitStats } from './group-commit.ts'
import { openDatabase } from './open.ts'
import { decodeRow, type EventRow } from './rows.ts'
import { prepareStatements, type Statements } from './statements.ts'
import { StreamCache } from './stream-cache.ts'
import { ThreadWriter } from './thread-writer.ts'
import type { AppendOutcome, AppendRequest } from './write-append.ts'

/** What commits the store's appends: its own writer thread, or (serve --workers) the primary's (adapters/cluster). */
export interface AppendWriter {
  readonly stats: CommitStats
  onCommit: ((ms: number) => void) | undefined
  enqueue(request: AppendRequest): Promise<AppendOutcome>
  close(): Promise<void>
}

/** Starts the writer; it calls `committed` with the rows of every transaction this store should see at once. */
export type AppendWriterFactory = (committed: (recorded: readonly EventRow[]) => void) => Promise<AppendWriter>

export interface SqliteEventStoreOptions {
  /** How often subscribers look for commits made by other processes sharing the file (local commits wake them at once). */
  readonly pollIntervalMs?: number
  readonly busyTimeoutMs?: number
  readonly onSubscriptionError?: SubscriptionErrorReporter
  /**
   * Keep whole streams (not usage streams) between reads while they are unchanged (stream-cache.ts): the server
   * turns it on. Off for tools that compare or verify the file: a cached stream would not show an edit made in
   * place behind the store (which appends nothing).
   */
  readonly cacheStreams?: boolean
  /** Another writer than this process's own thread: the workers of `serve --workers` share the primary's. */
  readonly writer?: AppendWriterFactory
}

/** The rows a commit inserted, decoded as a read would; none (subscribers then read them) if one does not decode. */
const decodeCommitted = (rows: readonly EventRow[]): RecordedEvent[] => {
  try {
    return rows.map(decodeRow)
  } catch {
    return []
  }
}

/**
 * The default event store (docs/architecture.md §8): one SQLite file, WAL, every acknowledged append fsynced, group commit.
 * Reads run on this thread's connection; appends go to a writer thread with its own connection, so a commit's
 * fsync never blocks the event loop (writer-thread.ts).
 */
export class SqliteEventStore implements EventStore {
  private readonly st: Statements
  private readonly feed: LiveFeed
  private readonly cache: StreamCache | undefined
  private closing = false

  private constructor(readonly path: string, private readonly db: Database, private readonly writer: AppendWriter, feed: LiveFeed, cacheStreams: boolean) {
    this.st = prepareStatements(db)
    this.feed = feed
    this.cache = cacheStreams ? new StreamCache(this.st) : undefined
  }

  static async open(path: string, options: SqliteEventStoreOptions = {}): Promise<SqliteEventStore> {
    // Opened (created, migrated) here first, so the writer thread only ever opens a ready file.
    const db = openDatabase(path, options)
    const feed = new LiveFeed(options.pollIntervalMs ?? 200, options.onSubscriptionError)
    let writer: AppendWriter
    let store: SqliteEventStore | undefined
    const committed = (recorded: readonly EventRow[]): void => {
      store?.cache?.committed(recorded)
      feed.notify(decodeCommitted(recorded))
    }
    try {
      writer = options.writer ? await options.writer(committed) : await ThreadWriter.start(path, options.busyTimeoutMs, committed)
    } catch (e) {
      db.close()
      throw e
    }
    return (store = new SqliteEventStore(path, db, writer, feed, options.cacheStreams ?? false))
  }

  append(streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]): Promise<AppendOutcome> {
    if (this.closing) return Promise.reject(new Error('the event store is closed'))
    return this.writer.enqueue({ streamId, expected, events })
  }

  async readStream(streamId: string, fromRevision = 0, limit?: number): Promise<RecordedEvent[]> {
    this.assertOpen()
    // `LIMIT -1` is SQLite's "no limit".
    const read = () => this.st.readStream.all(streamId, Math.max(0, fromRevision), limit === undefined ? -1 : Math.max(0, limit)).map(decodeRow)
    // The port's type says mutable; the cached array is frozen, and no caller changes what it read.
    return this.cache && StreamCache.wants(streamId, fromRevision, limit) ? (this.cache.read(streamId, read) as RecordedEvent[]) : read()
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen()
    return this.st.readAll(options.after ?? 0, options.limit ?? -1, options.streamPrefixes ?? []).map(decodeRow)
  }

  subscribeAll(options: Omit<ReadAllOptions, 'limit'>, handler: (e: RecordedEvent) => Promise<void> | void): Subscription {
    return this.feed.subscribe(options, (o) => this.readAll(o), handler, () => this.headPosition())
  }

  async headPosition(): Promise<number> {
    this.assertOpen()
    return this.st.head.get()!.head
  }

  /** The audit tree in this file, grown in every append's transaction (docs/verifiable-log.md). */
  auditTree(): AuditTree {
    const tree = this.st.tree
    return {
      catchUp: async () => undefined,
      size: () => tree.size(),
      range: tree.range,
      leafIndexOf: (p) => tree.leafIndexOf(p),
      leafPosition: (i) => tree.leafPosition(i),
      leafHashes: (from, to) => tree.leafHashes(from, to),
    }
  }

  /** Transactions and appends written so far: group commit at work shows as appends > transactions. */
  commitStats(): Readonly<CommitStats> {
    return { ...this.writer.stats }
  }

  /** Calls `observe` with each writer transaction's COMMIT time in seconds (the fsync; /metrics). */
  observeCommits(observe: (seconds: number) => void): void {
    this.writer.onCommit = (ms) => observe(ms / 1000)
  }

  /** Writes what is queued, stops subscriptions (waiting for running handlers), then closes the file. */
  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    await this.writer.close()
    await this.feed.close()
    this.db.close()
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('the event store is closed')
  }
}
