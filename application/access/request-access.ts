import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import type { KeyState } from '../../domain/key/index.ts'
import { deny, notAuthorized, permissionOf, type ActionScope, type ConditionContext, type Decision, type KmsAction } from '../../domain/policy/index.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { UsageRecorder } from '../../domain/ports/usage-recorder.ts'
import type { AccessControl } from './access-control.ts'
import { conditionContextOf, type RequestFacts } from './condition-context.ts'

// One request's authorization (docs/architecture.md §7). The dispatcher `admit`s the request after authentication: an
// account-level action is decided there; a key action is decided when its key is resolved (key-ref.ts calls
// `checkKey`; the crypto actions hand `keyAuthorizer()` to the CryptoService, which asks it as it resolves each
// key), because only then is the key known (an alias, an ARN, or, for Decrypt, the ciphertext names it).
// The dispatcher then asks `settled()`: a key action that succeeded without any key check is a wiring bug.

/**
 * Actions with no single permission that authorize themselves on each key they touch (ReEncrypt:
 * `kms:ReEncryptFrom`/`kms:ReEncryptTo` through `checkKey(key, action)`). Any other action missing from
 * domain/policy's table is refused: a new action is closed until someone names its permission.
 */
const SELF_AUTHORIZING: ReadonlySet<string> = new Set(['ReEncrypt'])

/**
 * How the crypto service asks whether this call's caller may use a key (docs/architecture.md §7). The caller of the service
 * (the HTTP layer: application/access) supplies it per call as function values over domain/policy's decision;
 * the service stays pure and only decides *when* to ask: after the key is resolved, before any material is
 * touched, once per key and permission (ReEncrypt: `kms:ReEncryptFrom` on the source, `kms:ReEncryptTo` on the
 * destination).
 *
 * A refusal is recorded by the service itself, on the key's usage stream (`ActionInvoked`, outcome `denied`), as
 * part of the call's audit trail: the authorizer must not record it as well, or the refusal would appear twice.
 */
export interface KeyAuthorizer {
  /** Right when the caller may perform `action` on the key; else the refusal (403) to answer. Records nothing. */
  readonly checkKey: (key: KeyState, action: KmsAction) => E.Either<KmsError, void>
  /**
   * A name that resolves to no key: `named` is the account the name points into and the ARN it named, or
   * undefined when nothing says which account (the key id inside a ciphertext). Returns what the caller is told:
   * `notFound` only where that reveals nothing (the caller's own account, its own grants), else the same 403 as a
   * refusal, so that which keys exist cannot be probed.
   */
  readonly unseen: (named: { readonly accountId: string; readonly keyArn: string } | undefined, action: KmsAction, notFound: KmsError) => KmsError
}

export interface Caller {
  readonly principal: string
  readonly accountId: string
}

export class RequestAccess {
  readonly scope: ActionScope | undefined
  readonly action: KmsAction | undefined
  private keyChecks = 0
  /** Why the last refusal happened, for the operator's log line (never for the caller). */
  denialReason: string | undefined
  /** The conditions' facts, built once per permission (ReEncrypt's two differ): a crypto call asks per key. */
  private readonly conditionContexts = new Map<string, ConditionContext>()

  constructor(
    private readonly control: AccessControl,
    private readonly usage: UsageRecorder,
    private readonly apiAction: string,
    readonly caller: Caller,
    private readonly command: CommandContext,
    /** What HTTP knows of the request, for the policies' conditions (condition-context.ts). */
    private readonly facts: RequestFacts = {},
  ) {
    const p = permissionOf(apiAction)
    this.scope = p?.scope
    this.action = p?.action
  }

  /** Before the handler runs. */
  admit(): E.Either<KmsError, void> {
    if (this.scope === undefined) {
      if (SELF_AUTHORIZING.has(this.apiAction)) return E.right(undefined)
      return this.refuse(deny(`kms:${this.apiAction}`, `${this.apiAction} has no permission in domain/policy/actions.ts`))
    }
    if (this.scope === 'key') return E.right(undefined)
    return this.settle(this.control.decideAccount(this.caller.principal, this.action!, this.caller.accountId, this.conditions(this.action)))
  }

  /** The key action on an existing key: allowed, or 403 and an ActionInvoked `denied` on the key's usage stream. */
  async checkKey(key: KeyState, action: KmsAction | undefined = this.action): Promise<E.Either<KmsError, KeyState>> {
    if (action === undefined) throw new Error(`${this.apiAction}: checkKey needs the permission to check`)
    const decided = this.decideKey(key, action)
    if (E.isRight(decided)) return E.right(key)
    const record = {
      keyId: key.keyId, versionId: null, action, outcome: 'denied' as const, errorCode: decided.left.code,
      callerService: null, callerResource: null, requestId: this.command.requestId, at: this.command.now.toISOString(),
    }
    // Another account's refusals are counted and written aggregated, later, so that account cannot flood the
    // owner's history, and the refusal costs what one on a missing key costs (docs/architecture.md §7 "Fair audit").
    if (key.accountId !== this.caller.accountId) {
      this.usage.recordForeignDenial(this.command, record, this.caller.accountId)
      return decided
    }
    // Awaited, and a failure propagates (the request fails with 500): a refusal auditors cannot see must not pass.
    const recorded = await this.usage.record(this.command, record)
    if (E.isLeft(recorded)) throw new Error(`recording a refusal on key ${key.keyId} failed: ${recorded.left.message}`)
    return decided
  }

  /**
   * The hook the CryptoService asks for each key it resolves (application/crypto/key-authorizer.ts). The service
   * records a refusal in the call's own audit trail (with the caller's labels), so nothing is recorded here: the
   * usage recorder must not be asked twice for the same refusal.
   */
  keyAuthorizer(): KeyAuthorizer {
    return {
      checkKey: (key, action) => this.decideKey(key, action),
      unseen: (named, action, notFound) => named === undefined ? this.unseenCiphertextKey(action) : this.unseen(named.accountId, named.keyArn, notFound, action),
    }
  }

  /** The decision alone: counts as the request's key check when allowed, keeps the reason when not. */
  private decideKey(key: KeyState, action: KmsAction): E.Either<KmsError, void> {
    const decision = this.control.decideKey(this.caller.principal, action, key, () => this.conditions(action))
    if (!decision.allowed) return this.refuse(decision)
    this.keyChecks++
    return E.right(undefined)
  }

  /**
   * A key the caller named that does not exist (or is not where the name says). Another account's caller gets
   * the same 403 as for a key it may not use, so it cannot learn which key ids exist. Nothing is recorded: there
   * is no key to record it on. In its own account, a RAM identity its account does not grant the action gets 403
   * too; otherwise `notFound` (the key is simply not there).
   */
  unseen(accountId: string, keyArn: string, notFound: KmsError, action: KmsAction = this.action ?? `kms:${this.apiAction}`): KmsError {
    if (accountId !== this.caller.accountId) {
      this.denialReason = `${this.caller.principal} named ${keyArn} of another account, which it cannot see`
      this.control.decideUnseenForeignKey(this.caller.principal, action, accountId, keyArn) // same work as a key there
      return notAuthorized(action)
    }
    const d = this.control.decideUnseenOwnKey(this.caller.principal, action, accountId, keyArn, this.conditions(action))
    if (d.allowed) return notFound
    this.denialReason = d.reason
    return d.error
  }

  /**
   * A ciphertext names its key by id alone, with no account: had the key existed it could be any account's, and
   * another account's key the caller may not use is a 403. So a missing one is a 403 for everyone, or a crafted
   * blob would tell which key ids exist. (A deleted key still exists as a stream: its policy decides, then its
   * state answers KeyNotFound.)
   */
  private unseenCiphertextKey(action: KmsAction): KmsError {
    this.denialReason = `${this.caller.principal} presented a ciphertext whose key does not exist`
    return notAuthorized(action)
  }

  /**
   * An action on a key of the caller's own account that no longer exists (DeleteAlias of an alias whose key was
   * deleted): only the caller's own grants can decide, and they count as the request's key check.
   */
  checkGoneOwnKey(keyArn: string): E.Either<KmsError, void> {
    const action = this.action ?? `kms:${this.apiAction}`
    const d = this.control.decideUnseenOwnKey(this.caller.principal, action, this.caller.accountId, keyArn, this.conditions(action))
    if (!d.allowed) return this.refuse(d)
    this.keyChecks++
    return E.right(undefined)
  }

  /** The request's facts for the conditions of statements on `action` (the permission picks ReEncrypt's context). */
  private conditions(action: KmsAction | undefined): ConditionContext {
    const key = action ?? ''
    const known = this.conditionContexts.get(key)
    if (known) return known
    const built = conditionContextOf(this.command, this.facts, action)
    this.conditionContexts.set(key, built)
    return built
  }

  /** Whether the handler, having succeeded, was authorized: account actions at admission, key actions per key. */
  settled(): boolean {
    return this.scope === 'account' || this.keyChecks > 0
  }

  private settle(d: Decision): E.Either<KmsError, void> {
    return d.allowed ? E.right(undefined) : this.refuse(d)
  }

  private refuse(d: Decision): E.Either<KmsError, never> {
    if (d.allowed) throw new Error('refuse() needs a denial')
    this.denialReason = d.reason
    return E.left(d.error)
  }
}

/** What a request's authorization ended in: the use case's answer, and why it was refused (for the operator's log). */
export interface Authorized<A> {
  readonly result: E.Either<KmsError, A>
  /** Why authorization refused (statements, principals): logged for operators, never sent to the caller. */
  readonly denial?: string
}

/**
 * Runs one request's use case under its authorization (docs/architecture.md §7): an account-level action is
 * decided before it runs; a key action is decided by the key-access step as each key is resolved; a key action
 * that succeeded without any key check is a wiring bug and throws, never answers. The wire layer only calls this.
 */
export const authorizedRequest = async <A>(
  control: AccessControl, action: string, caller: Caller, command: CommandContext,
  run: (access: RequestAccess) => Promise<E.Either<KmsError, A>>, facts: RequestFacts = {},
): Promise<Authorized<A>> => {
  const access = control.forRequest(action, caller, command, facts)
  const denial = () => (access.denialReason ? { denial: access.denialReason } : {})
  const admitted = access.admit()
  if (E.isLeft(admitted)) return { result: admitted, ...denial() }
  const result = await run(access)
  if (E.isLeft(result)) return { result, ...denial() }
  if (!access.settled()) throw new Error(`${action} succeeded without an authorization check on its key`)
  return { result }
}
