import * as E from 'fp-ts/lib/Either.js';
import { authorize, authorizeAccountAction, deny, effectiveKeyPolicy, identityPoliciesOf, parsePrincipal, } from "../../domain/policy/index.js";
import { defaultKeyPolicy } from "../../domain/values/key-policy.js";
import { RequestAccess } from "./request-access.js";
export class AccessControl {
    o;
    constructor(o) {
        this.o = o;
    }
    forRequest(apiAction, caller, command) {
        return new RequestAccess(this, this.o.usage, apiAction, caller, command);
    }
    identityPoliciesOf(principal) {
        const p = parsePrincipal(principal);
        return p && p.kind !== 'root' ? identityPoliciesOf(this.o.identityPolicies, p) : [];
    }
    /** S-5.1: the instance a key lives in, if it is shared with other accounts. */
    sharingOf(instanceId) {
        const i = instanceId === null ? undefined : this.o.instances.find((x) => x.instanceId === instanceId);
        return i && i.sharedWith && i.sharedWith.length > 0
            ? { instanceOwnerAccountId: i.accountId, sharedWithAccountIds: i.sharedWith }
            : undefined;
    }
    decideKey(principal, action, key) {
        const policy = effectiveKeyPolicy(key.policy, key.accountId);
        // A stored policy that no longer parses grants nothing: refuse rather than guess (fail closed).
        if (E.isLeft(policy))
            return deny(action, `the key policy of ${key.keyId} does not parse: ${policy.left.message}`);
        const sharing = this.sharingOf(key.instanceId);
        return authorize({
            principal, action, keyArn: key.arn, keyOwnerAccountId: key.accountId, keyPolicy: policy.right,
            identityPolicies: this.identityPoliciesOf(principal), ...(sharing ? { sharing } : {}),
        });
    }
    /**
     * For a key that does not exist in the caller's own account: whether the caller's own grants would let it
     * act on such a key at all. Decided against the default policy (which names every identity of the account),
     * so only the identity side counts: a RAM user without the grant gets 403 whether or not the key exists.
     */
    decideUnseenOwnKey(principal, action, accountId, keyArn) {
        return authorize({
            principal, action, keyArn, keyOwnerAccountId: accountId, keyPolicy: defaultKeyPolicy(accountId),
            identityPolicies: this.identityPoliciesOf(principal),
        });
    }
    decideAccount(principal, action, accountId) {
        return authorizeAccountAction({ principal, action, accountId, region: this.o.region, identityPolicies: this.identityPoliciesOf(principal) });
    }
}
