import { accountKeysResource } from "../../domain/policy/identity-policy.js";
import { checkPolicyLockout } from "../../domain/policy/lockout.js";
export { BYPASS_PARAMETER } from "../../domain/policy/lockout.js";
// The policy lockout safety check (domain/policy/lockout.ts) as the application runs it for SetKeyPolicy and
// CreateKey: HTTP hands over the decoded policy and the caller; judging the policy stays out of the wire layer.
/** SetKeyPolicy on an existing key: judged against the key's own ARN. */
export const guardKeyPolicyChange = (key, policy, caller, bypass) => checkPolicyLockout({ policy, keyOwnerAccountId: key.accountId, keyArn: key.arn, caller }, bypass);
/** CreateKey with a policy: the key has no ARN yet, so it is judged against the account's key resource. */
export const guardNewKeyPolicy = (region, accountId, policy, caller, bypass) => checkPolicyLockout({ policy, keyOwnerAccountId: accountId, keyArn: accountKeysResource(region, accountId), caller }, bypass);
