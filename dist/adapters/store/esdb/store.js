import { EventStoreDBClient } from '@eventstore/db-client';
import { appendSealed } from "./append.js";
import { DEFAULT_BACKOFF, retryWhileUnavailable } from "./backoff.js";
import { lastUserPosition, readAllEvents, readStreamEvents } from "./read.js";
import { warnSubscriptionFailed } from "../live-feed.js";
import { subscribeAllResiliently } from "./subscription.js";
/**
 * The event store on EventStoreDB (docs/architecture.md §8) through `@eventstore/db-client` 6.2.1. Streams are named as the
 * service names them (`key-…`, `keyusage-…`, `alias-…`); events are JSON with the sealed envelope as metadata.
 * Positions are `$all` commit positions (see positions.ts and docs/esdb.md).
 */
export class EsdbEventStore {
    client;
    /** Also the vault's on the same database (adapters/vault/esdb-vault.ts): one retry policy for the node. */
    backoff;
    report;
    subscriptions = new Set();
    /** The connection, shared with the vault of the same database (adapters/vault/esdb-vault.ts). */
    constructor(client, options = {}) {
        this.client = client;
        this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
        this.report = options.onSubscriptionError ?? warnSubscriptionFailed;
    }
    append(streamId, expected, events) {
        return retryWhileUnavailable(this.backoff, () => appendSealed(this.client, streamId, expected, events));
    }
    readStream(streamId, fromRevision = 0, limit) {
        if (limit !== undefined && limit <= 0)
            return Promise.resolve([]);
        return retryWhileUnavailable(this.backoff, () => readStreamEvents(this.client, streamId, { fromRevision: Math.max(0, fromRevision), ...(limit !== undefined ? { maxCount: limit } : {}) }));
    }
    readAll(options = {}) {
        return retryWhileUnavailable(this.backoff, () => readAllEvents(this.client, options));
    }
    subscribeAll(options, handler) {
        const sub = subscribeAllResiliently(this.client, options, handler, this.backoff, this.report);
        const tracked = {
            stop: async () => {
                this.subscriptions.delete(tracked);
                await sub.stop();
            },
        };
        this.subscriptions.add(tracked);
        return tracked;
    }
    headPosition() {
        return retryWhileUnavailable(this.backoff, () => lastUserPosition(this.client));
    }
    async close() {
        await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
        await this.client.dispose();
    }
}
/** `esdb://host:2113?tls=false` (any connection string the client accepts, `esdb+discover://` included). */
export const openEsdbEventStore = async (connectionString, options = {}) => new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
