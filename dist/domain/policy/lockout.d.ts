import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import type { KeyPolicyDocument } from '../values/key-policy.ts';
export declare const LOCKOUT_ACTION: "kms:SetKeyPolicy";
export declare const BYPASS_PARAMETER = "BypassPolicyLockoutSafetyCheck";
export interface LockoutCheck {
    readonly policy: KeyPolicyDocument;
    readonly keyOwnerAccountId: string;
    readonly keyArn: string;
    /** The ARN of the principal setting the policy. */
    readonly caller: string;
}
/** Right when the policy keeps the owner's root and the caller in control of the key, or the check is bypassed. */
export declare const checkPolicyLockout: (c: LockoutCheck, bypass: boolean) => E.Either<KmsError, void>;
