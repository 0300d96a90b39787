export interface Backoff {
    readonly initialMs: number;
    readonly maxMs: number;
    /** How many times a one-shot operation (append, read) is tried while the server is unreachable. */
    readonly attempts: number;
}
export declare const DEFAULT_BACKOFF: Backoff;
/**
 * The server went away. The first call after it does rejects with the RAW grpc error (code 14), not
 * `UnavailableError`, because the client rethrows its ServerFeatures fetch unconverted (notes §1.1).
 */
export declare const isUnavailable: (err: unknown) => boolean;
export declare const nextDelay: (b: Backoff, delay: number) => number;
/** A sleep that `wake()` cuts short (so that stopping a subscription does not wait out its backoff). */
export declare const wakeableSleep: (ms: number) => {
    done: Promise<void>;
    wake: () => void;
};
/**
 * Runs a one-shot operation again while the server is unreachable. Safe for reads; safe for appends because an
 * append re-sent after a lost acknowledgement is answered as an idempotent retry (same event ids).
 */
export declare const retryWhileUnavailable: <A>(b: Backoff, op: () => Promise<A>) => Promise<A>;
