import * as E from 'fp-ts/lib/Either.js'
import { limitExceeded, type KmsError } from '../errors.ts'
import type { KeyPolicyDocument } from '../values/key-policy.ts'
import { effectiveKeyPolicy } from './effective-policy.ts'
import { parsePrincipalPattern } from './principal.ts'

// S-5.4 access-management quota of a KMS instance, as a pure fold over the policy history of its keys:
// - each other main account named by an Allow statement of any key policy in the instance costs one unit,
//   counted per account (naming three RAM users of account 2 on five keys is still one unit); administrators and
//   users of the owning account cost nothing. A Deny grants nothing and costs nothing;
// - when an account stops being named anywhere in the instance, its unit comes back 5 minutes later: the unit
//   is free once `withdrawnAt + 5 min <= now`, computed from the events' times, never from a timer;
// - naming the account again before then reuses the pending unit.

export const UNIT_RETURN_DELAY_MS = 5 * 60 * 1000

export interface KeyPolicyChange {
  readonly keyId: string
  /** The key's own main account: naming it costs nothing. */
  readonly ownerAccountId: string
  /** The key's policy from `occurredAt` on (KeyCreated or KeyPolicyUpdated); `null` once the key is deleted. */
  readonly policy: string | null
  readonly occurredAt: string
}

export interface QuotaUsage {
  readonly used: number
  /** Other accounts named now, sorted. */
  readonly named: readonly string[]
  /** Withdrawn accounts whose unit has not come back yet, with the instant it does. */
  readonly returning: readonly { readonly accountId: string; readonly returnsAt: string }[]
}

/** Other main accounts a policy grants something to (S-5.4). Wildcard accounts name no account (they never match). */
export const otherAccountsNamed = (policy: KeyPolicyDocument, ownerAccountId: string): ReadonlySet<string> => {
  const out = new Set<string>()
  for (const s of policy.Statement) {
    if (s.Effect !== 'Allow') continue
    for (const arn of s.Principal.RAM) {
      const p = parsePrincipalPattern(arn)
      if (p && p.accountId !== ownerAccountId) out.add(p.accountId)
    }
  }
  return out
}

const namedBy = (c: KeyPolicyChange): ReadonlySet<string> => {
  if (c.policy === null) return new Set()
  const doc = effectiveKeyPolicy(c.policy, c.ownerAccountId)
  // A stored policy was checked when it was set; one that no longer parses grants nothing (authorize refuses).
  return E.isRight(doc) ? otherAccountsNamed(doc.right, c.ownerAccountId) : new Set()
}

const instant = (t: Date | string): number => (typeof t === 'string' ? Date.parse(t) : t.getTime())

/** The instance's quota use as of `now`, folding only the changes that happened by then. */
export const quotaUsage = (history: readonly KeyPolicyChange[], now: Date | string): QuotaUsage => {
  const at = instant(now)
  const ordered = history
    .map((c, i) => ({ c, i, t: Date.parse(c.occurredAt) }))
    .filter((x) => x.t <= at)
    .sort((a, b) => a.t - b.t || a.i - b.i)
  const perKey = new Map<string, ReadonlySet<string>>()
  const withdrawnAt = new Map<string, number>()
  let current = new Set<string>()
  for (const { c, t } of ordered) {
    perKey.set(c.keyId, namedBy(c))
    const next = new Set<string>()
    for (const accounts of perKey.values()) for (const a of accounts) next.add(a)
    for (const a of current) if (!next.has(a)) withdrawnAt.set(a, t)
    for (const a of next) withdrawnAt.delete(a)
    current = next
  }
  const returning = [...withdrawnAt]
    .map(([accountId, t]) => ({ accountId, returnsAtMs: t + UNIT_RETURN_DELAY_MS }))
    .filter((r) => r.returnsAtMs > at)
    .sort((a, b) => a.returnsAtMs - b.returnsAtMs || a.accountId.localeCompare(b.accountId))
    .map((r) => ({ accountId: r.accountId, returnsAt: new Date(r.returnsAtMs).toISOString() }))
  return { used: current.size + returning.length, named: [...current].sort(), returning }
}

export const quotaUsed = (history: readonly KeyPolicyChange[], now: Date | string): number => quotaUsage(history, now).used

export interface QuotaCheck {
  /** The policy history of every key in the instance. */
  readonly history: readonly KeyPolicyChange[]
  /** The policy about to be set (CreateKey `Policy` or SetKeyPolicy), as the request gives it. */
  readonly change: Omit<KeyPolicyChange, 'occurredAt'>
  readonly now: Date | string
  /** The instance's access-management quota (configurable). */
  readonly quota: number
}

/**
 * Call before appending KeyCreated/KeyPolicyUpdated: refuses with Rejected.LimitExceeded a change that would take
 * the instance above its quota. A change that does not add to the use is accepted even above the quota (e.g.
 * after the quota was lowered), so a key's policy can always be narrowed.
 */
export const checkQuota = (q: QuotaCheck): E.Either<KmsError, QuotaUsage> => {
  if (q.change.policy !== null) {
    const parsed = effectiveKeyPolicy(q.change.policy, q.change.ownerAccountId)
    if (E.isLeft(parsed)) return parsed
  }
  const nowIso = typeof q.now === 'string' ? q.now : q.now.toISOString()
  const before = quotaUsage(q.history, q.now)
  const after = quotaUsage([...q.history, { ...q.change, occurredAt: nowIso }], q.now)
  if (after.used > q.quota && after.used > before.used)
    return E.left(limitExceeded(`S-5.4: the instance's access-management quota is ${q.quota}; this key policy would name ${after.used} other main accounts.`))
  return E.right(after)
}
