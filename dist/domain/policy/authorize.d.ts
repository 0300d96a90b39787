import type { KeyPolicyDocument } from '../values/key-policy.ts';
import { type KmsAction } from './actions.ts';
import { type Decision } from './decision.ts';
import { type IdentityPolicyDocument } from './identity-policy.ts';
import { type ResourceSharing } from './sharing.ts';
export interface KeyAuthorizationRequest {
    /** The caller's ARN, from the verified access key. */
    readonly principal: string;
    readonly action: KmsAction;
    readonly keyArn: string;
    /** The main account that created the key (KeyCreated.accountId). */
    readonly keyOwnerAccountId: string;
    readonly keyPolicy: KeyPolicyDocument;
    /** The caller's own account's policies attached to the caller (empty for a root). */
    readonly identityPolicies: readonly IdentityPolicyDocument[];
    readonly sharing?: ResourceSharing;
}
export interface AccountAuthorizationRequest {
    readonly principal: string;
    readonly action: KmsAction;
    /** The account and region acted in (CreateKey creates the key there). */
    readonly accountId: string;
    readonly region: string;
    readonly identityPolicies: readonly IdentityPolicyDocument[];
}
export declare const authorize: (req: KeyAuthorizationRequest) => Decision;
/**
 * Actions on no existing key (CreateKey, ListKeys…): no key policy exists yet, so only the caller's own account
 * decides, on the account's key collection. A caller never acts in another account's name.
 */
export declare const authorizeAccountAction: (req: AccountAuthorizationRequest) => Decision;
/**
 * The key policy's side alone (an explicit Deny refuses, else an Allow must name the principal): what the key
 * policy lets a principal do whatever its own account grants it. Used by the lockout safety check (lockout.ts).
 */
export declare const keyPolicyDecision: (req: Omit<KeyAuthorizationRequest, "identityPolicies">) => Decision;
type KeySide = Omit<KeyAuthorizationRequest, 'action'>;
/** ReEncrypt: `kms:ReEncryptFrom` on the source key and `kms:ReEncryptTo` on the destination; both must allow. */
export declare const authorizeReEncrypt: (source: KeySide, destination: KeySide) => Decision;
export {};
