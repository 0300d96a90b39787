import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import { type KeyPolicyChange } from '../../domain/policy/index.ts';
import type { KeyPolicyHistoryQuery } from '../../projections/queries.ts';
import type { ReadWait } from '../../domain/ports/read-store.ts';
import type { KmsInstance } from '../deployment.ts';
/** keyledger's default when an instance does not say (the real service sells the quota with the instance). */
export declare const DEFAULT_ACCESS_MANAGEMENT_QUOTA = 10;
export interface PolicyChangeRequest {
    /** The key's id, or any id no other key has when the key is about to be created. */
    readonly keyId: string;
    readonly ownerAccountId: string;
    readonly instanceId: string | null;
    /** The policy text about to be stored. */
    readonly policy: string;
    readonly now: Date;
}
export interface PolicyHistorySource extends KeyPolicyHistoryQuery {
    /** Brings the history up to every commit made before the call. */
    catchUp(): Promise<ReadWait>;
}
export declare class QuotaGate {
    private readonly source;
    private readonly instances;
    /**
     * Holds a pool's turn across processes while `run` checks and appends (`serve --workers`: the primary's lock,
     * adapters/cluster). Without it the turn is this process's alone.
     */
    private readonly crossProcess?;
    private readonly queues;
    constructor(source: PolicyHistorySource, instances: readonly KmsInstance[], 
    /**
     * Holds a pool's turn across processes while `run` checks and appends (`serve --workers`: the primary's lock,
     * adapters/cluster). Without it the turn is this process's alone.
     */
    crossProcess?: (<T>(pool: string, run: () => Promise<T>) => Promise<T>) | undefined);
    quotaOf(instanceId: string | null): number;
    /** Runs `write` (the append) only if the change fits the quota, holding the instance's turn until it is done. */
    withinQuota<T>(change: PolicyChangeRequest, write: () => Promise<E.Either<KmsError, T>>): Promise<E.Either<KmsError, T>>;
    private checked;
    /** The policy history of every key in one pool, in store order. */
    history(pool: string): Promise<E.Either<KmsError, readonly KeyPolicyChange[]>>;
}
