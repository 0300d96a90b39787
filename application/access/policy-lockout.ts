import type * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import { accountKeysResource } from '../../domain/policy/identity-policy.ts'
import { checkPolicyLockout } from '../../domain/policy/lockout.ts'
import type { KeyPolicyDocument } from '../../domain/values/key-policy.ts'

export { BYPASS_PARAMETER } from '../../domain/policy/lockout.ts'

// The policy lockout safety check (domain/policy/lockout.ts) as the application runs it for SetKeyPolicy and
// CreateKey: HTTP hands over the decoded policy and the caller; judging the policy stays out of the wire layer.

/** SetKeyPolicy on an existing key: judged against the key's own ARN. */
export const guardKeyPolicyChange = (
  key: { readonly accountId: string; readonly arn: string }, policy: KeyPolicyDocument, caller: string, bypass: boolean,
): E.Either<KmsError, void> =>
  checkPolicyLockout({ policy, keyOwnerAccountId: key.accountId, keyArn: key.arn, caller }, bypass)

/** CreateKey with a policy: the key has no ARN yet, so it is judged against the account's key resource. */
export const guardNewKeyPolicy = (
  region: string, accountId: string, policy: KeyPolicyDocument, caller: string, bypass: boolean,
): E.Either<KmsError, void> =>
  checkPolicyLockout({ policy, keyOwnerAccountId: accountId, keyArn: accountKeysResource(region, accountId), caller }, bypass)
