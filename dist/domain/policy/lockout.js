import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
import { keyPolicyDecision } from "./authorize.js";
import { parsePrincipal, rootArn } from "./principal.js";
// Policy lockout safety (AWS KMS's rule for PutKeyPolicy and CreateKey): a key policy that leaves nobody able to
// change it again can never be undone, since keyledger has no out-of-band override. So a new policy must still
// let (1) the owning account's root and (2) the caller making the change perform `kms:SetKeyPolicy`, judged on
// the key policy alone (the identity side can be granted later by the caller's own account, the key side
// cannot). `kms:SetKeyPolicy` is the recovery action: whoever holds it can restore every other permission.
// A caller who really wants such a policy sends `BypassPolicyLockoutSafetyCheck=true`.
export const LOCKOUT_ACTION = 'kms:SetKeyPolicy';
export const BYPASS_PARAMETER = 'BypassPolicyLockoutSafetyCheck';
const refusal = (who) => invalidParameter('Policy', `The new key policy would leave ${who} unable to change the key policy (kms:SetKeyPolicy), which cannot be undone. ` +
    `Keep an Allow of kms:SetKeyPolicy for acs:ram::<owner>:root and for yourself, or send ${BYPASS_PARAMETER}=true.`);
/** Right when the policy keeps the owner's root and the caller in control of the key, or the check is bypassed. */
export const checkPolicyLockout = (c, bypass) => {
    if (bypass)
        return E.right(undefined);
    const owner = rootArn(c.keyOwnerAccountId);
    const can = (principal) => keyPolicyDecision({ principal, action: LOCKOUT_ACTION, keyArn: c.keyArn, keyOwnerAccountId: c.keyOwnerAccountId, keyPolicy: c.policy }).allowed;
    if (!can(owner))
        return E.left(refusal(`the account root (${owner})`));
    if (parsePrincipal(c.caller) !== undefined && c.caller !== owner && !can(c.caller))
        return E.left(refusal(`the caller (${c.caller})`));
    return E.right(undefined);
};
