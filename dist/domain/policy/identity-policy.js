import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
import { globMatches } from "./glob.js";
import { PrincipalArn, principalArn } from "./principal.js";
// A RAM identity policy: what a main account grants one of its RAM users or roles (S-5.3). Same statement
// shape as a key policy without `Principal` (the policy is attached to the principal), and `Resource` names
// keys by ARN with `*` wildcards: `acs:kms:*:<uid>:key/*`, `acs:kms:cn-hangzhou:<uid>:key/key-abc…`, or `*`.
// RAM accepts a single string where a list is expected; both decode to a list.
const OneOrMany = new t.Type('StringOrStringList', (u) => Array.isArray(u) && u.every((x) => typeof x === 'string'), (u, c) => typeof u === 'string' ? t.success([u])
    : Array.isArray(u) && u.length > 0 && u.every((x) => typeof x === 'string') ? t.success(u)
        : t.failure(u, c, 'a string or a non-empty list of strings'), (a) => a);
const ACTION = /^(\*|kms:[A-Za-z*]+)$/;
const RESOURCE = /^(\*|acs:kms:[a-z0-9*-]*:[0-9*]*:[^\s]+)$/;
export const IdentityStatement = t.intersection([
    t.type({ Effect: t.keyof({ Allow: null, Deny: null }), Action: OneOrMany, Resource: OneOrMany }),
    t.partial({ Sid: t.string, Condition: t.UnknownRecord }),
]);
const IdentityPolicyShape = t.type({ Version: t.literal('1'), Statement: t.array(IdentityStatement) });
export const IdentityPolicyDocument = new t.Type('IdentityPolicyDocument', IdentityPolicyShape.is, (u, c) => {
    const d = IdentityPolicyShape.validate(u, c);
    if (E.isLeft(d))
        return d;
    for (const s of d.right.Statement) {
        if (!s.Action.every((a) => ACTION.test(a)))
            return t.failure(u, c, 'every Action is * or kms:<Op> (with * wildcards)');
        if (!s.Resource.every((r) => RESOURCE.test(r)))
            return t.failure(u, c, 'every Resource is * or acs:kms:<region>:<uid>:key/<keyId> (with * wildcards)');
    }
    return d;
}, IdentityPolicyShape.encode);
/**
 * The identity policies a deployment attaches, keyed by the RAM user or role they belong to: the shape a config
 * file gives (the config helper decodes it). Policies of a principal are always those of its own account.
 */
export const RamIdentityPolicies = t.array(t.type({ principal: PrincipalArn, policies: t.array(IdentityPolicyDocument) }));
export const identityPoliciesOf = (directory, p) => {
    const arn = principalArn(p);
    return directory.filter((e) => principalArn(e.principal) === arn).flatMap((e) => e.policies);
};
export const parseIdentityPolicy = (json, name = 'PolicyDocument') => {
    const d = IdentityPolicyDocument.decode(json);
    return E.isLeft(d)
        ? E.left(invalidParameter(name, d.left.find((e) => e.message)?.message ?? 'an identity policy is {"Version":"1","Statement":[{"Effect","Action","Resource"}]}'))
        : E.right(d.right);
};
/** Key ARNs compare case-sensitively: key ids are lowercase and regions are fixed names. */
export const resourceMatches = (pattern, resourceArn) => globMatches(pattern, resourceArn);
/** The resource an account-level action (CreateKey, ListKeys…) is checked against: every key of the account. */
export const accountKeysResource = (region, accountId) => `acs:kms:${region}:${accountId}:key/*`;
