import * as E from 'fp-ts/lib/Either.js';
import { limitExceeded } from "../errors.js";
import { effectiveKeyPolicy } from "./effective-policy.js";
import { parsePrincipalPattern } from "./principal.js";
// S-5.4 access-management quota of a KMS instance, as a pure fold over the policy history of its keys:
// - each other main account named by an Allow statement of any key policy in the instance costs one unit,
//   counted per account (naming three RAM users of account 2 on five keys is still one unit); administrators and
//   users of the owning account cost nothing. A Deny grants nothing and costs nothing;
// - when an account stops being named anywhere in the instance, its unit comes back 5 minutes later: the unit
//   is free once `withdrawnAt + 5 min <= now`, computed from the events' times, never from a timer;
// - naming the account again before then reuses the pending unit.
export const UNIT_RETURN_DELAY_MS = 5 * 60 * 1000;
/** Other main accounts a policy grants something to (S-5.4). Wildcard accounts name no account (they never match). */
export const otherAccountsNamed = (policy, ownerAccountId) => {
    const out = new Set();
    for (const s of policy.Statement) {
        if (s.Effect !== 'Allow')
            continue;
        for (const arn of s.Principal.RAM) {
            const p = parsePrincipalPattern(arn);
            if (p && p.accountId !== ownerAccountId)
                out.add(p.accountId);
        }
    }
    return out;
};
const namedBy = (c) => {
    if (c.policy === null)
        return new Set();
    const doc = effectiveKeyPolicy(c.policy, c.ownerAccountId);
    // A stored policy was checked when it was set; one that no longer parses grants nothing (authorize refuses).
    return E.isRight(doc) ? otherAccountsNamed(doc.right, c.ownerAccountId) : new Set();
};
const instant = (t) => (typeof t === 'string' ? Date.parse(t) : t.getTime());
/** The instance's quota use as of `now`, folding only the changes that happened by then. */
export const quotaUsage = (history, now) => {
    const at = instant(now);
    const ordered = history
        .map((c, i) => ({ c, i, t: Date.parse(c.occurredAt) }))
        .filter((x) => x.t <= at)
        .sort((a, b) => a.t - b.t || a.i - b.i);
    const perKey = new Map();
    const withdrawnAt = new Map();
    let current = new Set();
    for (const { c, t } of ordered) {
        perKey.set(c.keyId, namedBy(c));
        const next = new Set();
        for (const accounts of perKey.values())
            for (const a of accounts)
                next.add(a);
        for (const a of current)
            if (!next.has(a))
                withdrawnAt.set(a, t);
        for (const a of next)
            withdrawnAt.delete(a);
        current = next;
    }
    const returning = [...withdrawnAt]
        .map(([accountId, t]) => ({ accountId, returnsAtMs: t + UNIT_RETURN_DELAY_MS }))
        .filter((r) => r.returnsAtMs > at)
        .sort((a, b) => a.returnsAtMs - b.returnsAtMs || a.accountId.localeCompare(b.accountId))
        .map((r) => ({ accountId: r.accountId, returnsAt: new Date(r.returnsAtMs).toISOString() }));
    return { used: current.size + returning.length, named: [...current].sort(), returning };
};
export const quotaUsed = (history, now) => quotaUsage(history, now).used;
/**
 * Call before appending KeyCreated/KeyPolicyUpdated: refuses with Rejected.LimitExceeded a change that would take
 * the instance above its quota. A change that does not add to the use is accepted even above the quota (e.g.
 * after the quota was lowered), so a key's policy can always be narrowed.
 */
export const checkQuota = (q) => {
    if (q.change.policy !== null) {
        const parsed = effectiveKeyPolicy(q.change.policy, q.change.ownerAccountId);
        if (E.isLeft(parsed))
            return parsed;
    }
    const nowIso = typeof q.now === 'string' ? q.now : q.now.toISOString();
    const before = quotaUsage(q.history, q.now);
    const after = quotaUsage([...q.history, { ...q.change, occurredAt: nowIso }], q.now);
    if (after.used > q.quota && after.used > before.used)
        return E.left(limitExceeded(`S-5.4: the instance's access-management quota is ${q.quota}; this key policy would name ${after.used} other main accounts.`));
    return E.right(after);
};
