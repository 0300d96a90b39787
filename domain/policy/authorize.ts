import type { KeyPolicyDocument } from '../values/key-policy.ts'
import { actionMatches, reEncryptPermissions, type KmsAction } from './actions.ts'
import { conditionHolds, type ConditionContext } from './condition.ts'
import { allow, deny, type Decision } from './decision.ts'
import { accountKeysResource, resourceMatches, type IdentityPolicyDocument } from './identity-policy.ts'
import { parsePrincipal, parsePrincipalPattern, principalMatches, type Principal } from './principal.ts'
import { coOwningAccounts, type ResourceSharing } from './sharing.ts'

// The authorization decision (docs/architecture.md §7, S-5.1–S-5.3), in this order:
// 1. an explicit Deny that applies, in the key policy or in the caller's identity policies, refuses;
// 2. the key side: a key-policy Allow must name the caller (exactly, by `user/`/`role/` pattern, its account
//    `acs:ram::<uid>:*`, or `:root` for the main account). This is the only side for a main account (root): its
//    own account grants it everything, so the owning root follows the key policy like anyone else;
// 3. the identity side, for RAM users and roles only (S-5.3): their own account must grant them the action on
//    this key's ARN. For the owning account's RAM identities the default statement `acs:ram::<owner>:*` is the
//    key side, so they need only their RAM grant; other accounts' identities need both sides.
// A statement with a `Condition` applies only when it holds for the request (condition.ts, over the request's
// `context`). Without a context (the lockout check judges a policy, not a request), or with a condition that cannot
// be read (stored before conditions were checked), it fails closed: such an Allow never applies and such a Deny
// always does, so a condition can only refuse more than it should, never grant more.

export interface KeyAuthorizationRequest {
  /** The caller's ARN, from the verified access key. */
  readonly principal: string
  readonly action: KmsAction
  readonly keyArn: string
  /** The main account that created the key (KeyCreated.accountId). */
  readonly keyOwnerAccountId: string
  readonly keyPolicy: KeyPolicyDocument
  /** The caller's own account's policies attached to the caller (empty for a root). */
  readonly identityPolicies: readonly IdentityPolicyDocument[]
  readonly sharing?: ResourceSharing
  /** What the request carries for `Condition` blocks; absent: conditional statements fail closed. */
  readonly context?: ConditionContext
}

export interface AccountAuthorizationRequest {
  readonly principal: string
  readonly action: KmsAction
  /** The account and region acted in (CreateKey creates the key there). */
  readonly accountId: string
  readonly region: string
  readonly identityPolicies: readonly IdentityPolicyDocument[]
  readonly context?: ConditionContext
}

interface StatementHit { readonly effect: 'Allow' | 'Deny'; readonly id: string }

const label = (sid: string | undefined, i: number): string => sid ?? `Statement[${i}]`

const applies = (effect: 'Allow' | 'Deny', condition: unknown, ctx: ConditionContext | undefined): boolean => {
  if (condition === undefined) return true
  const holds = ctx === undefined ? undefined : conditionHolds(condition, ctx)
  return holds ?? effect === 'Deny'
}

const keyPolicyHits = (doc: KeyPolicyDocument, p: Principal, action: KmsAction, keyArn: string, sameAs: readonly string[], ctx?: ConditionContext): StatementHit[] =>
  doc.Statement.flatMap((s, i) =>
    applies(s.Effect, s.Condition, ctx) &&
    s.Action.some((a) => actionMatches(a, action)) &&
    s.Resource.some((r) => resourceMatches(r, keyArn)) &&
    s.Principal.RAM.some((arn) => {
      const pattern = parsePrincipalPattern(arn)
      // A principal the matcher cannot read: an Allow naming it grants nothing, a Deny naming it refuses
      // everyone (parseKeyPolicy refuses such policies; this is defence in depth for stored ones).
      return pattern === undefined ? s.Effect === 'Deny' : principalMatches(pattern, p, sameAs)
    })
      ? [{ effect: s.Effect, id: label(s.Sid, i) }]
      : [])

const identityHits = (docs: readonly IdentityPolicyDocument[], action: KmsAction, resource: string, ctx?: ConditionContext): StatementHit[] =>
  docs.flatMap((doc) =>
    doc.Statement.flatMap((s, i) =>
      applies(s.Effect, s.Condition, ctx) && s.Action.some((a) => actionMatches(a, action)) && s.Resource.some((r) => resourceMatches(r, resource))
        ? [{ effect: s.Effect, id: label(s.Sid, i) }]
        : []))

const firstOf = (hits: readonly StatementHit[], effect: 'Allow' | 'Deny') => hits.find((h) => h.effect === effect)

export const authorize = (req: KeyAuthorizationRequest): Decision => {
  const { action } = req
  const p = parsePrincipal(req.principal)
  if (!p) return deny(action, `unrecognised principal ${req.principal}`)
  const sameAs = coOwningAccounts(req.keyOwnerAccountId, req.sharing)
  const keySide = keyPolicyHits(req.keyPolicy, p, action, req.keyArn, sameAs, req.context)
  const identitySide = p.kind === 'root' ? [] : identityHits(req.identityPolicies, action, req.keyArn, req.context)

  const keyDeny = firstOf(keySide, 'Deny')
  if (keyDeny) return deny(action, `explicit Deny in the key policy (statement ${keyDeny.id})`, keyDeny.id)
  const identityDeny = firstOf(identitySide, 'Deny')
  if (identityDeny) return deny(action, `explicit Deny in an identity policy of ${req.principal} (statement ${identityDeny.id})`, identityDeny.id)

  const keyAllow = firstOf(keySide, 'Allow')
  if (!keyAllow) return deny(action, `no key policy statement allows ${req.principal} to perform ${action} (S-5.1, S-5.2)`)
  if (p.kind === 'root') return allow(`the key policy allows the main account (statement ${keyAllow.id})`, keyAllow.id)

  const identityAllow = firstOf(identitySide, 'Allow')
  if (!identityAllow)
    return deny(action, `S-5.3: the key policy allows ${req.principal} (statement ${keyAllow.id}) but its own account ${p.accountId} has not granted it ${action} on the key`, keyAllow.id)
  return allow(`the key policy (statement ${keyAllow.id}) and the identity policy of account ${p.accountId} (statement ${identityAllow.id}) both allow it (S-5.3)`, keyAllow.id)
}

/**
 * Actions on no existing key (CreateKey, ListKeys…): no key policy exists yet, so only the caller's own account
 * decides, on the account's key collection. A caller never acts in another account's name.
 */
export const authorizeAccountAction = (req: AccountAuthorizationRequest): Decision => {
  const { action } = req
  const p = parsePrincipal(req.principal)
  if (!p) return deny(action, `unrecognised principal ${req.principal}`)
  if (p.accountId !== req.accountId) return deny(action, `${req.principal} does not belong to account ${req.accountId}`)
  if (p.kind === 'root') return allow(`the main account may perform ${action} in its own account`)
  const hits = identityHits(req.identityPolicies, action, accountKeysResource(req.region, req.accountId), req.context)
  const identityDeny = firstOf(hits, 'Deny')
  if (identityDeny) return deny(action, `explicit Deny in an identity policy of ${req.principal} (statement ${identityDeny.id})`, identityDeny.id)
  const identityAllow = firstOf(hits, 'Allow')
  return identityAllow
    ? allow(`the identity policy of account ${p.accountId} allows it (statement ${identityAllow.id})`, identityAllow.id)
    : deny(action, `account ${p.accountId} has not granted ${req.principal} ${action}`)
}

/**
 * The key policy's side alone (an explicit Deny refuses, else an Allow must name the principal): what the key
 * policy lets a principal do whatever its own account grants it. Used by the lockout safety check (lockout.ts).
 */
export const keyPolicyDecision = (req: Omit<KeyAuthorizationRequest, 'identityPolicies'>): Decision => {
  const p = parsePrincipal(req.principal)
  if (!p) return deny(req.action, `unrecognised principal ${req.principal}`)
  const hits = keyPolicyHits(req.keyPolicy, p, req.action, req.keyArn, coOwningAccounts(req.keyOwnerAccountId, req.sharing), req.context)
  const keyDeny = firstOf(hits, 'Deny')
  if (keyDeny) return deny(req.action, `explicit Deny in the key policy (statement ${keyDeny.id})`, keyDeny.id)
  const keyAllow = firstOf(hits, 'Allow')
  return keyAllow ? allow(`the key policy allows it (statement ${keyAllow.id})`, keyAllow.id) : deny(req.action, `no key policy statement allows ${req.principal} to perform ${req.action}`)
}

type KeySide = Omit<KeyAuthorizationRequest, 'action'>

/** ReEncrypt: `kms:ReEncryptFrom` on the source key and `kms:ReEncryptTo` on the destination; both must allow. */
export const authorizeReEncrypt = (source: KeySide, destination: KeySide): Decision => {
  const from = authorize({ ...source, action: reEncryptPermissions.source })
  return from.allowed ? authorize({ ...destination, action: reEncryptPermissions.destination }) : from
}
