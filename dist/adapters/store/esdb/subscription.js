import { AsyncLocalStorage } from 'node:async_hooks';
import { streamNameFilter } from '@eventstore/db-client';
import { matchesPrefixes } from "../shared.js";
import { nextDelay, wakeableSleep } from "./backoff.js";
import { isHiddenEvent, LOG_STREAMS_REGEX, toRecordedEvent } from "./events.js";
import { reportedPosition, SharedCommitPosition, toEsdbPosition, toPortPosition } from "./positions.js";
/**
 * A catch-up subscription to `$all`, filtered on the server by stream prefix (or, without prefixes, by a regex
 * that leaves out `$` streams), resumed from `after` (exclusive).
 *
 * - The handler is awaited; the gRPC stream is consumed with `for await`, so a slow handler back-pressures it.
 * - `last` is the position of the last event the handler finished. When the server goes away or the stream
 *   ends, the subscription waits (exponential backoff) and subscribes again after `last`. Events at or before
 *   `last` are dropped on the way in: nothing handled is delivered twice, nothing unhandled is skipped, even if
 *   the server's resume position turned out inclusive (UNVERIFIED, docs/esdb.md).
 * - A handler that throws ends the subscription and is reported, as in every store (the port's contract):
 *   skipping the event would lose it, retrying forever would spin on a poison event. The consumer resubscribes
 *   from its own checkpoint and sees the event again. A consumer that dies between the handler and storing its
 *   checkpoint sees the event again on restart too: consumers dedupe by position (at least once).
 * - `stop()` from inside the handler returns at once (the loop ends when the handler returns); awaiting the
 *   loop there would wait for itself.
 * - Server checkpoints (`checkpointReached`) are NOT used to move `last`: whether their position is inclusive is
 *   unverified, and a wrong guess would lose an event. After a reconnect a sparse subscription rescans from its
 *   last event instead, on the server side.
 */
export const subscribeAllResiliently = (client, options, handler, backoff, report) => {
    let stopped = false;
    let last = BigInt(options.after ?? 0);
    let current;
    let sleeping;
    let fatal;
    const prefixes = options.streamPrefixes?.length ? [...options.streamPrefixes] : undefined;
    const filter = prefixes ? streamNameFilter({ prefixes }) : streamNameFilter({ regex: LOG_STREAMS_REGEX });
    const session = async () => {
        const sub = client.subscribeToAll({ fromPosition: toEsdbPosition(toPortPosition(last)), filter });
        current = sub;
        let previous = -1n;
        try {
            for await (const resolved of sub) {
                if (stopped)
                    return;
                const e = resolved.event;
                // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the client leaves position undefined on some events (links), whatever its typings say
                const position = reportedPosition(resolved.commitPosition, e?.position?.commit);
                if (!e || position === undefined)
                    continue;
                if (position === previous)
                    throw new SharedCommitPosition(position);
                previous = position;
                if (position <= last)
                    continue;
                if (!isHiddenEvent(e.streamId, e.type) && matchesPrefixes(e.streamId, prefixes)) {
                    const event = toRecordedEvent(resolved);
                    try {
                        await insideHandler.run(subscription, () => handler(event));
                    }
                    catch (err) {
                        throw new HandlerFailed(err);
                    }
                }
                // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() sets it while this awaits; TypeScript narrows it as if nothing could
                if (stopped)
                    return;
                last = position;
                delay = backoff.initialMs;
            }
        }
        finally {
            current = undefined;
            await sub.unsubscribe().catch(() => undefined);
            sub.destroy();
        }
    };
    let delay = backoff.initialMs;
    const loop = (async () => {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() sets it while this awaits; TypeScript narrows it as if nothing could
        while (!stopped) {
            try {
                await session();
            }
            catch (err) {
                if (err instanceof HandlerFailed || err instanceof SharedCommitPosition) {
                    if (err instanceof SharedCommitPosition)
                        fatal = err;
                    stopped = true;
                    try {
                        report(err instanceof HandlerFailed ? err.cause : err);
                    }
                    catch {
                        // a failing reporter must not turn into an unhandled rejection
                    }
                    return;
                }
                // A dropped connection: resume after the last handled event.
            }
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() sets it while this awaits; TypeScript narrows it as if nothing could
            if (stopped)
                return;
            const sleep = wakeableSleep(delay);
            sleeping = sleep;
            await sleep.done;
            sleeping = undefined;
            delay = nextDelay(backoff, delay);
        }
    })();
    const subscription = {
        stop: async () => {
            stopped = true;
            sleeping?.wake();
            // Ends a `for await` waiting for the next event; a running handler is awaited by `loop` below.
            current?.destroy();
            if (insideHandler.getStore() === subscription)
                return;
            await loop;
            if (fatal instanceof Error)
                throw fatal;
        },
    };
    return subscription;
};
/** Which subscription's handler the current async context runs in (stop() from inside it must not wait for itself). */
const insideHandler = new AsyncLocalStorage();
class HandlerFailed extends Error {
    cause;
    constructor(cause) {
        super('the subscription handler failed');
        this.cause = cause;
    }
}
