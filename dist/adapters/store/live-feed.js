import { AsyncLocalStorage } from 'node:async_hooks';
const CATCH_UP_PAGE = 500;
/** Default: a failed subscription must not end silently, or a read model would freeze without anyone noticing. */
export const warnSubscriptionFailed = (error) => process.emitWarning(`event store subscription stopped: ${error instanceof Error ? error.message : String(error)}`, 'KeyledgerSubscription');
/**
 * Catch-up subscriptions over a store that can `readAll`: read pages from the checkpoint, then sleep until a
 * notification (a local commit) or a poll tick (commits by other processes sharing the store), and read again.
 * Each subscription delivers in order, one event at a time, awaiting its handler.
 *
 * A handler that throws (or a read that fails) ends that subscription and is reported: skipping the event would
 * break "exactly once, in order", and retrying forever would spin on a poison event. The store is unaffected.
 */
export class LiveFeed {
    pollMs;
    report;
    /** Bumped on every notify, so a commit that lands while a subscriber reads or runs its handler is not lost. */
    version = 0;
    sleepers = new Set();
    running = new Set();
    closed = false;
    /** Which subscription's handler the current async context runs in: stop() from inside a handler must not wait for itself. */
    insideHandler = new AsyncLocalStorage();
    constructor(pollMs = 0, report = warnSubscriptionFailed) {
        this.pollMs = pollMs;
        this.report = report;
    }
    notify() {
        this.version++;
        for (const wake of [...this.sleepers])
            wake();
    }
    /**
     * `head`: the store's last position. A subscription to some stream prefixes moves its checkpoint past the events
     * it filtered out, so the next read starts after them: otherwise every commit to other streams (each call's
     * usage record) would make it rescan a tail that grows with the store.
     */
    subscribe(options, readAll, handler, head) {
        if (this.closed)
            return { stop: async () => undefined };
        let stopped = false;
        let wake;
        let after = options.after ?? 0;
        const filtered = (options.streamPrefixes?.length ?? 0) > 0;
        const run = async (self) => {
            while (!stopped) {
                const seen = this.version;
                // Read before the page: every matching event up to it is in a page that is not full.
                const scanned = filtered && head ? await head() : 0;
                const page = await readAll({ ...options, after, limit: CATCH_UP_PAGE });
                for (const e of page) {
                    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() sets it while this awaits; TypeScript narrows it as if nothing could
                    if (stopped)
                        return;
                    await this.insideHandler.run(self, () => handler(e));
                    after = e.position;
                }
                // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() sets it while this awaits; TypeScript narrows it as if nothing could
                if (stopped)
                    return;
                if (page.length === CATCH_UP_PAGE)
                    continue;
                after = Math.max(after, scanned);
                if (this.version !== seen)
                    continue;
                await this.sleep((w) => (wake = w));
            }
        };
        const subscription = {
            stop: async () => {
                stopped = true;
                wake?.();
                if (this.insideHandler.getStore() === subscription)
                    return; // the loop ends when this handler returns
                await loop;
            },
        };
        const loop = run(subscription)
            .catch((error) => {
            stopped = true;
            try {
                this.report(error);
            }
            catch {
                // a failing reporter must not turn into an unhandled rejection
            }
        })
            .finally(() => this.running.delete(subscription));
        this.running.add(subscription);
        return subscription;
    }
    /** Stops every subscription and waits for running handlers, so the store can release its resources after. */
    async close() {
        this.closed = true;
        await Promise.all([...this.running].map((s) => s.stop()));
    }
    sleep(register) {
        return new Promise((resolve) => {
            const wake = () => {
                if (timer)
                    clearTimeout(timer);
                this.sleepers.delete(wake);
                resolve();
            };
            const timer = this.pollMs > 0 ? setTimeout(wake, this.pollMs) : undefined;
            this.sleepers.add(wake);
            register(wake);
        });
    }
}
