import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import type { KeyPolicyDocument } from '../values/key-policy.ts';
export declare const UNIT_RETURN_DELAY_MS: number;
export interface KeyPolicyChange {
    readonly keyId: string;
    /** The key's own main account: naming it costs nothing. */
    readonly ownerAccountId: string;
    /** The key's policy from `occurredAt` on (KeyCreated or KeyPolicyUpdated); `null` once the key is deleted. */
    readonly policy: string | null;
    readonly occurredAt: string;
}
export interface QuotaUsage {
    readonly used: number;
    /** Other accounts named now, sorted. */
    readonly named: readonly string[];
    /** Withdrawn accounts whose unit has not come back yet, with the instant it does. */
    readonly returning: readonly {
        readonly accountId: string;
        readonly returnsAt: string;
    }[];
}
/** Other main accounts a policy grants something to (S-5.4). Wildcard accounts name no account (they never match). */
export declare const otherAccountsNamed: (policy: KeyPolicyDocument, ownerAccountId: string) => ReadonlySet<string>;
/** The instance's quota use as of `now`, folding only the changes that happened by then. */
export declare const quotaUsage: (history: readonly KeyPolicyChange[], now: Date | string) => QuotaUsage;
export declare const quotaUsed: (history: readonly KeyPolicyChange[], now: Date | string) => number;
export interface QuotaCheck {
    /** The policy history of every key in the instance. */
    readonly history: readonly KeyPolicyChange[];
    /** The policy about to be set (CreateKey `Policy` or SetKeyPolicy), as the request gives it. */
    readonly change: Omit<KeyPolicyChange, 'occurredAt'>;
    readonly now: Date | string;
    /** The instance's access-management quota (configurable). */
    readonly quota: number;
}
/**
 * Call before appending KeyCreated/KeyPolicyUpdated: refuses with Rejected.LimitExceeded a change that would take
 * the instance above its quota. A change that does not add to the use is accepted even above the quota (e.g.
 * after the quota was lowered), so a key's policy can always be narrowed.
 */
export declare const checkQuota: (q: QuotaCheck) => E.Either<KmsError, QuotaUsage>;
