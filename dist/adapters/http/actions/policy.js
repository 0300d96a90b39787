import * as E from 'fp-ts/lib/Either.js';
import { notFound } from "../../../domain/errors.js";
import { BYPASS_PARAMETER, guardKeyPolicyChange } from "../../../application/access/policy-lockout.js";
import { parseKeyPolicy } from "../../../domain/values/key-policy.js";
import { optionalBoolean, requiredString } from "../wire/fields.js";
import { done, fields, keyRequest } from "./action.js";
import { resolveKey } from "../../../application/access/key-access.js";
// GetKeyPolicy / SetKeyPolicy (API reference §5.12): one policy per key, named `default`.
const policyName = (p) => {
    const name = p.get('PolicyName');
    return name === undefined || name === '' || name === 'default'
        ? E.right(undefined)
        : E.left(notFound('Forbidden.ResourceNotFound', `The key policy ${name} is not found; a key has one policy, named default.`));
};
export const policyActions = {
    GetKeyPolicy: async (ctx, s) => {
        const ref = requiredString(ctx.params, 'KeyId');
        if (E.isLeft(ref))
            return ref;
        const name = policyName(ctx.params);
        if (E.isLeft(name))
            return name;
        const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: false });
        return E.isLeft(key) ? key : E.right({ Policy: key.right.policy });
    },
    /** Console-style policies (administrators, users, other-account users) are plain documents too (§5.12, S-5.2). */
    SetKeyPolicy: async (ctx, s) => {
        const f = fields({
            ref: requiredString(ctx.params, 'KeyId'), name: policyName(ctx.params), text: requiredString(ctx.params, 'Policy'),
            bypass: optionalBoolean(ctx.params, BYPASS_PARAMETER),
        });
        if (E.isLeft(f))
            return f;
        const parsed = parseKeyPolicy(f.right.text);
        if (E.isLeft(parsed))
            return parsed;
        const key = await resolveKey(keyRequest(ctx, s), s.keys, f.right.ref, { alias: false });
        if (E.isLeft(key))
            return key;
        const k = key.right;
        // Checked after the caller is authorized on the key, so the refusal tells an outsider nothing about it.
        const safe = guardKeyPolicyChange(k, parsed.right, ctx.caller.principal, f.right.bypass ?? false);
        if (E.isLeft(safe))
            return safe;
        const policy = JSON.stringify(parsed.right);
        // S-5.4: checked and appended in the instance's turn, so two requests cannot both take its last unit.
        const r = await s.quota.withinQuota({ keyId: k.keyId, ownerAccountId: k.accountId, instanceId: k.instanceId, policy, now: ctx.command.now }, () => s.keys.execute(k.keyId, { type: 'SetKeyPolicy', now: ctx.command.now.toISOString(), policy }, ctx.command));
        return E.isLeft(r) ? r : done;
    },
};
