import * as E from 'fp-ts/lib/Either.js'
import type { KeyState } from '../../domain/key/index.ts'
import {
  authorize, authorizeAccountAction, deny, effectiveKeyPolicy, identityPoliciesOf, parsePrincipal,
  type ConditionContext, type Decision, type IdentityPolicyDocument, type KmsAction, type RamIdentityPolicies, type ResourceSharing,
} from '../../domain/policy/index.ts'
import { defaultKeyPolicy } from '../../domain/values/key-policy.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { UsageRecorder } from '../../domain/ports/usage-recorder.ts'
import type { KmsInstance } from '../deployment.ts'
import type { RequestFacts } from './condition-context.ts'
import { KeyDecisionCache } from './decision-cache.ts'
import { RequestAccess, type Caller } from './request-access.ts'

const conditional = (docs: readonly { readonly Statement: readonly { readonly Condition?: unknown }[] }[]): boolean =>
  docs.some((d) => d.Statement.some((s) => s.Condition !== undefined))

// The deployment's side of authorization (docs/architecture.md §7): who has which identity policies, which instances are
// shared, and the decisions of domain/policy over them. Holds no request state; `RequestAccess` does.

export interface AccessControlOptions {
  /** What each account grants its RAM users and roles (config `identityPolicies`). */
  readonly identityPolicies: RamIdentityPolicies
  readonly instances: readonly KmsInstance[]
  readonly region: string
  /** Where a refusal on an existing key is recorded: the same recorder every call's ActionInvoked goes through. */
  readonly usage: UsageRecorder
}

export class AccessControl {
  /** The default key policy's stored text by account, as CreateKey stores it (decideUnseenForeignKey). */
  private readonly defaultPolicyTexts = new Map<string, string>()
  /** Decisions on a key state that no condition took part in (decision-cache.ts says why that is exact). */
  private readonly decisions = new KeyDecisionCache()

  constructor(private readonly o: AccessControlOptions) {}

  forRequest(apiAction: string, caller: Caller, command: CommandContext, facts: RequestFacts = {}): RequestAccess {
    return new RequestAccess(this, this.o.usage, apiAction, caller, command, facts)
  }

  identityPoliciesOf(principal: string): readonly IdentityPolicyDocument[] {
    const p = parsePrincipal(principal)
    return p && p.kind !== 'root' ? identityPoliciesOf(this.o.identityPolicies, p) : []
  }

  /** S-5.1: the instance a key lives in, if it is shared with other accounts. */
  sharingOf(instanceId: string | null): ResourceSharing | undefined {
    const i = instanceId === null ? undefined : this.o.instances.find((x) => x.instanceId === instanceId)
    return i && i.sharedWith && i.sharedWith.length > 0
      ? { instanceOwnerAccountId: i.accountId, sharedWithAccountIds: i.sharedWith }
      : undefined
  }

  /** `context` may be a function: a request's condition facts are only built when a statement has a condition. */
  decideKey(principal: string, action: KmsAction, key: KeyState, context?: ConditionContext | (() => ConditionContext)): Decision {
    const known = this.decisions.get(key, principal, action)
    if (known) return known
    const policy = effectiveKeyPolicy(key.policy, key.accountId)
    // A stored policy that no longer parses grants nothing: refuse rather than guess (fail closed).
    if (E.isLeft(policy)) return deny(action, `the key policy of ${key.keyId} does not parse: ${policy.left.message}`)
    const sharing = this.sharingOf(key.instanceId)
    const identityPolicies = this.identityPoliciesOf(principal)
    const facts = typeof context === 'function' ? context() : context
    const decision = authorize({
      principal, action, keyArn: key.arn, keyOwnerAccountId: key.accountId, keyPolicy: policy.right,
      identityPolicies, ...(sharing ? { sharing } : {}), ...(facts ? { context: facts } : {}),
    })
    // Only a decision no condition took part in is the same for the next request (decision-cache.ts). And only
    // the key's own account's: another account's caller must pay the same work on an existing key as on a missing
    // one (decideUnseenForeignKey), or the time of its refusal would tell which keys exist ("Fair audit").
    if (!conditional([policy.right]) && !conditional(identityPolicies) && parsePrincipal(principal)?.accountId === key.accountId)
      this.decisions.set(key, principal, action, decision)
    return decision
  }

  /**
   * For a key of another account that does not exist: the decision `decideKey` makes for an existing key under
   * the default policy (parse, sharing, authorize), made and thrown away. The answer is the same 403 either way;
   * the work is the same too, so the time of the refusal does not tell whether the key exists
   * (docs/architecture.md §7 "Fair audit"; spec/adapters/http/fair-audit.spec.ts).
   */
  decideUnseenForeignKey(principal: string, action: KmsAction, accountId: string, keyArn: string): void {
    let text = this.defaultPolicyTexts.get(accountId)
    if (text === undefined) {
      text = JSON.stringify(defaultKeyPolicy(accountId))
      if (this.defaultPolicyTexts.size < 10_000) this.defaultPolicyTexts.set(accountId, text)
    }
    const policy = effectiveKeyPolicy(text, accountId)
    if (E.isLeft(policy)) return
    const sharing = this.sharingOf(null)
    authorize({
      principal, action, keyArn, keyOwnerAccountId: accountId, keyPolicy: policy.right,
      identityPolicies: this.identityPoliciesOf(principal), ...(sharing ? { sharing } : {}),
    })
  }

  /**
   * For a key that does not exist in the caller's own account: whether the caller's own grants would let it
   * act on such a key at all. Decided against the default policy (which names every identity of the account),
   * so only the identity side counts: a RAM user without the grant gets 403 whether or not the key exists.
   */
  decideUnseenOwnKey(principal: string, action: KmsAction, accountId: string, keyArn: string, context?: ConditionContext): Decision {
    return authorize({
      principal, action, keyArn, keyOwnerAccountId: accountId, keyPolicy: defaultKeyPolicy(accountId),
      identityPolicies: this.identityPoliciesOf(principal), ...(context ? { context } : {}),
    })
  }

  decideAccount(principal: string, action: KmsAction, accountId: string, context?: ConditionContext): Decision {
    return authorizeAccountAction({
      principal, action, accountId, region: this.o.region, identityPolicies: this.identityPoliciesOf(principal), ...(context ? { context } : {}),
    })
  }
}
