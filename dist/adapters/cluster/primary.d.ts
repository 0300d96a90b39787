import type { Logger } from 'pino';
export interface PrimaryOptions {
    readonly workers: number;
    readonly logger: Logger;
    /** The replay window and nonce bounds of the configuration (the verifier's defaults otherwise). */
    readonly windowSeconds?: number;
    readonly maxNonces?: number;
    readonly maxNoncesPerKey?: number;
    /** Told once every worker listens. */
    readonly onListening: (url: string) => void;
}
/**
 * The primary of `serve --workers N`: forks the workers (the first alone, so that the files a first start makes —
 * root key, vault, read store — are made once), replaces one that dies, and holds what must be one for all:
 * - the replay cache: every worker asks it about each nonce, so a request replayed to another worker is refused;
 * - the quota gate's turn per policy pool: a check and its append run under the pool's lock, in any worker.
 * Each worker runs the whole server on the shared data dir: SQLite's own locking orders the event store's
 * commits (one writer at a time) and the read store's batches (planned from checkpoints read under the lock).
 * Only the first worker runs the scheduler.
 */
export declare const runPrimary: (o: PrimaryOptions) => {
    stop: (signal: string) => void;
};
