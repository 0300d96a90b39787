import type { NonceVerdict } from '../http/auth/nonce-cache.ts';
import type { NonceRegistry } from '../http/auth/verifier.ts';
import { type ToPrimary } from './protocol.ts';
/**
 * A worker's side of the primary's shared state (primary.ts): the replay cache (asks of one turn of the event
 * loop go in one message) and the quota gate's per-pool lock.
 */
export declare class WorkerLink implements NonceRegistry {
    private readonly send;
    private nextId;
    private asks;
    private readonly verdicts;
    private readonly grants;
    constructor(send?: (m: ToPrimary) => void);
    /** Feeds the primary's answers; returns false for messages that are not the cluster's. */
    receive(m: unknown): boolean;
    remember(accessKeyId: string, nonce: string, at: number, now: number): Promise<NonceVerdict>;
    /** Runs `run` holding the pool's lock in every worker (QuotaGate's cross-process turn). */
    withPoolLock<T>(pool: string, run: () => Promise<T>): Promise<T>;
    listening(url: string): void;
    private flush;
}
