import { LiveFeed } from "../live-feed.js";
import { openDatabase } from "./open.js";
import { decodeRow } from "./rows.js";
import { prepareStatements } from "./statements.js";
import { StreamCache } from "./stream-cache.js";
import { ThreadWriter } from "./thread-writer.js";
/**
 * The default event store (docs/architecture.md §8): one SQLite file, WAL, every acknowledged append fsynced, group commit.
 * Reads run on this thread's connection; appends go to a writer thread with its own connection, so a commit's
 * fsync never blocks the event loop (writer-thread.ts).
 */
export class SqliteEventStore {
    db;
    writer;
    st;
    feed;
    cache;
    closing = false;
    constructor(db, writer, feed, cacheStreams) {
        this.db = db;
        this.writer = writer;
        this.st = prepareStatements(db);
        this.feed = feed;
        this.cache = cacheStreams ? new StreamCache(this.st) : undefined;
    }
    static async open(path, options = {}) {
        // Opened (created, migrated) here first, so the writer thread only ever opens a ready file.
        const db = openDatabase(path, options);
        const feed = new LiveFeed(options.pollIntervalMs ?? 200, options.onSubscriptionError);
        let writer;
        try {
            writer = await ThreadWriter.start(path, options.busyTimeoutMs, () => feed.notify());
        }
        catch (e) {
            db.close();
            throw e;
        }
        return new SqliteEventStore(db, writer, feed, options.cacheStreams ?? false);
    }
    append(streamId, expected, events) {
        if (this.closing)
            return Promise.reject(new Error('the event store is closed'));
        return this.writer.enqueue({ streamId, expected, events });
    }
    async readStream(streamId, fromRevision = 0, limit) {
        this.assertOpen();
        // `LIMIT -1` is SQLite's "no limit".
        const read = () => this.st.readStream.all(streamId, Math.max(0, fromRevision), limit === undefined ? -1 : Math.max(0, limit)).map(decodeRow);
        // The port's type says mutable; the cached array is frozen, and no caller changes what it read.
        return this.cache && StreamCache.wants(streamId, fromRevision, limit) ? this.cache.read(streamId, read) : read();
    }
    async readAll(options = {}) {
        this.assertOpen();
        return this.st.readAll(options.after ?? 0, options.limit ?? -1, options.streamPrefixes ?? []).map(decodeRow);
    }
    subscribeAll(options, handler) {
        return this.feed.subscribe(options, (o) => this.readAll(o), handler, () => this.headPosition());
    }
    async headPosition() {
        this.assertOpen();
        return this.st.head.get().head;
    }
    /** The audit tree in this file, grown in every append's transaction (docs/verifiable-log.md). */
    auditTree() {
        const tree = this.st.tree;
        return {
            catchUp: async () => undefined,
            size: () => tree.size(),
            range: tree.range,
            leafIndexOf: (p) => tree.leafIndexOf(p),
            leafPosition: (i) => tree.leafPosition(i),
            leafHashes: (from, to) => tree.leafHashes(from, to),
        };
    }
    /** Transactions and appends written so far: group commit at work shows as appends > transactions. */
    commitStats() {
        return { ...this.writer.stats };
    }
    /** Writes what is queued, stops subscriptions (waiting for running handlers), then closes the file. */
    async close() {
        if (this.closing)
            return;
        this.closing = true;
        await this.writer.close();
        await this.feed.close();
        this.db.close();
    }
    assertOpen() {
        if (!this.db.open)
            throw new Error('the event store is closed');
    }
}
