import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import { type KeyState } from '../../domain/key/index.ts';
import { type KmsAction } from '../../domain/policy/actions.ts';
import type { CiphertextBlob, CiphertextBlobFormat } from '../../domain/ports/ciphertext-blob.ts';
import type { CryptoExecutor, KeyVersionRef } from '../../domain/ports/crypto-executor.ts';
import type { CryptoExecutorRouter } from '../../domain/ports/crypto-router.ts';
import type { AuditTrail, KeyNote } from '../crypto-service.ts';
import { type AsymmetricTarget, type CryptoCall, type Result } from '../crypto/call.ts';
import type { KeyService } from '../key-service.ts';
import type { RequestAccess } from './request-access.ts';
/** Who asks, in which region, under which request authorization. */
export interface KeyRequest {
    readonly access: RequestAccess;
    /** The API action (for messages). */
    readonly action: string;
    readonly accountId: string;
    readonly region: string;
}
export interface KeyRefOptions {
    /** Whether the action takes an alias (DescribeKey, the version and ledger actions) or only a key id / key ARN. */
    readonly alias: boolean;
    readonly name?: string;
    /** Aliases bind keys of their own account only: another account's ARN is refused before any lookup. */
    readonly ownAccountOnly?: boolean;
}
/**
 * The key a KeyId parameter names, authorized for this request's action. Not found: `Forbidden.KeyNotFound`
 * (or AliasNotFound) in the caller's own account, the same 403 as a refusal in another's (no existence leak).
 */
export declare const resolveKey: (r: KeyRequest, keys: KeyService, ref: string, opts: KeyRefOptions) => Promise<E.Either<KmsError, KeyState>>;
/**
 * The key an alias of the caller's account points to, for DeleteAlias: authorized on that key; an alias left
 * pointing at a deleted key can still be removed by whoever the caller's own account allows.
 */
export declare const resolveAliasTarget: (r: KeyRequest, keys: KeyService, alias: string) => Promise<E.Either<KmsError, void>>;
/** What a KeyId parameter names: a key id, an alias (`alias/…`) or an ARN of either (API reference §5.1). */
export type KeyReference = {
    readonly type: 'key';
    readonly keyId: string;
    readonly arn?: {
        readonly accountId: string;
        readonly region: string;
    };
} | {
    readonly type: 'alias';
    readonly accountId: string;
    readonly region: string;
    readonly alias: string;
};
export declare const parseKeyReference: (text: string, accountId: string, region: string) => KeyReference;
export type OpenedKey = {
    state: KeyState;
    setVersion: KeyNote['setVersion'];
};
export type OpenedBlob = OpenedKey & {
    blob: CiphertextBlob;
};
/** The permission an action needs on its key (domain/policy/actions.ts); ReEncrypt passes its two explicitly. */
export declare const permissionFor: (action: string) => KmsAction;
/**
 * Finds the key a call names, notes it in the audit trail, asks the call's authorizer and applies the state table:
 * every operation starts here, so the order (resolve → record → authorize → state) is the same for all.
 */
export declare class KeyOpener {
    private readonly keys;
    private readonly router;
    private readonly blobs;
    constructor(keys: KeyService, router: CryptoExecutorRouter, blobs: CiphertextBlobFormat);
    /**
     * Resolves a KeyId parameter (id, alias or ARN) to the key it names, then uses it as `useKey` does. A bare id or
     * alias names the caller's own account; an ARN may name another account's key, whose policy then decides.
     * Whatever names no key is answered by the authorizer's `unseen` (no existence leak across accounts).
     */
    openKey(call: CryptoCall, text: string, action: string, trail: AuditTrail, permission?: `kms:${string}`): Result<OpenedKey>;
    /**
     * Loads a key, notes it in the trail (only keys that exist are recorded: a made-up id must not create usage
     * streams), asks the call's authorizer (a refusal is this key's `denied` record) and only then applies the
     * state table (S-6.2, S-8.3), so that a caller who may not use the key learns nothing of its state.
     * `named`: the account and ARN the caller's name points into, which the key must match; undefined for the key
     * id inside a ciphertext, which names the key wherever it lives (its policy decides).
     */
    private useKey;
    /** An asymmetric key and the version the call names. */
    openVersion(call: CryptoCall, input: AsymmetricTarget, action: string, trail: AuditTrail): Result<{
        state: KeyState;
        ref: KeyVersionRef;
    }>;
    /** The key a ciphertext blob names, resolved and authorized, with the blob: nothing is decrypted yet. */
    openBlob(call: CryptoCall, text: string, action: string, trail: AuditTrail, permission?: `kms:${string}`): Result<OpenedBlob>;
    /** A parameter error found before the key is used still names the key in the audit trail. */
    afterOpening<A>(call: CryptoCall, keyId: string, action: string, trail: AuditTrail, error: E.Left<KmsError>): Result<A>;
    withExecutor<A>(ref: KeyVersionRef, use: (x: CryptoExecutor) => Promise<E.Either<KmsError, A>>): Result<A>;
}
