import type * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../../domain/errors.ts';
import type { KeyPolicyDocument } from '../../domain/values/key-policy.ts';
export { BYPASS_PARAMETER } from '../../domain/policy/lockout.ts';
/** SetKeyPolicy on an existing key: judged against the key's own ARN. */
export declare const guardKeyPolicyChange: (key: {
    readonly accountId: string;
    readonly arn: string;
}, policy: KeyPolicyDocument, caller: string, bypass: boolean) => E.Either<KmsError, void>;
/** CreateKey with a policy: the key has no ARN yet, so it is judged against the account's key resource. */
export declare const guardNewKeyPolicy: (region: string, accountId: string, policy: KeyPolicyDocument, caller: string, bypass: boolean) => E.Either<KmsError, void>;
