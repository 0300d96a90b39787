import { UnavailableError } from '@eventstore/db-client';
export const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 5_000, attempts: 6 };
/**
 * The server went away. The first call after it does rejects with the RAW grpc error (code 14), not
 * `UnavailableError`, because the client rethrows its ServerFeatures fetch unconverted (notes §1.1).
 */
export const isUnavailable = (err) => err instanceof UnavailableError || (typeof err === 'object' && err !== null && err.code === 14);
export const nextDelay = (b, delay) => Math.min(delay * 2, b.maxMs);
/** A sleep that `wake()` cuts short (so that stopping a subscription does not wait out its backoff). */
export const wakeableSleep = (ms) => {
    let wake = () => { };
    const done = new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
            clearTimeout(timer);
            resolve();
        };
    });
    return { done, wake };
};
/**
 * Runs a one-shot operation again while the server is unreachable. Safe for reads; safe for appends because an
 * append re-sent after a lost acknowledgement is answered as an idempotent retry (same event ids).
 */
export const retryWhileUnavailable = async (b, op) => {
    let delay = b.initialMs;
    for (let attempt = 1;; attempt++) {
        try {
            return await op();
        }
        catch (err) {
            if (!isUnavailable(err) || attempt >= b.attempts)
                throw err;
            await wakeableSleep(delay).done;
            delay = nextDelay(b, delay);
        }
    }
};
