import * as E from 'fp-ts/lib/Either.js'
import { internalFailure, type KmsError } from '../../domain/errors.ts'
import { checkQuota, type KeyPolicyChange } from '../../domain/policy/index.ts'
import type { KeyPolicyHistoryQuery } from '../../projections/queries.ts'
import { policyPoolOf } from '../../projections/views/key-policies.ts'
import type { ReadWait } from '../../domain/ports/read-store.ts'
import type { KmsInstance } from '../deployment.ts'

// S-5.4 access-management quota, enforced before a key policy is written (CreateKey `Policy`, SetKeyPolicy).
// The instance's policy history (KeyCreated.policy, KeyPolicyUpdated, KeyDeleted → null) comes from the
// key-policies read model (projections/views/key-policies.ts), caught up to the store's head first so that it
// holds every policy committed before this check (other processes' too); `checkQuota` decides with `now` from
// the Clock: a withdrawn grant frees its unit 5 minutes after the event that withdrew it, with no timer anywhere.
// Checks and appends of one instance run one at a time in this process, so two requests cannot both take the
// last unit. Across several server processes that window remains (documented in docs/config.md).
// If the read model cannot catch up in time the change is refused (500, try again): deciding a quota on a
// stale history could let a policy through that the quota forbids.

/** keyledger's default when an instance does not say (the real service sells the quota with the instance). */
export const DEFAULT_ACCESS_MANAGEMENT_QUOTA = 10

export interface PolicyChangeRequest {
  /** The key's id, or any id no other key has when the key is about to be created. */
  readonly keyId: string
  readonly ownerAccountId: string
  readonly instanceId: string | null
  /** The policy text about to be stored. */
  readonly policy: string
  readonly now: Date
}

export interface PolicyHistorySource extends KeyPolicyHistoryQuery {
  /** Brings the history up to every commit made before the call. */
  catchUp(): Promise<ReadWait>
}

export class QuotaGate {
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(private readonly source: PolicyHistorySource, private readonly instances: readonly KmsInstance[]) {}

  quotaOf(instanceId: string | null): number {
    const i = instanceId === null ? undefined : this.instances.find((x) => x.instanceId === instanceId)
    return i?.accessManagementQuota ?? DEFAULT_ACCESS_MANAGEMENT_QUOTA
  }

  /** Runs `write` (the append) only if the change fits the quota, holding the instance's turn until it is done. */
  async withinQuota<T>(change: PolicyChangeRequest, write: () => Promise<E.Either<KmsError, T>>): Promise<E.Either<KmsError, T>> {
    const pool = policyPoolOf(change.instanceId, change.ownerAccountId)
    return this.serialised(pool, async () => {
      const history = await this.history(pool)
      if (E.isLeft(history)) return history
      const checked = checkQuota({
        history: history.right,
        change: { keyId: change.keyId, ownerAccountId: change.ownerAccountId, policy: change.policy },
        now: change.now,
        quota: this.quotaOf(change.instanceId),
      })
      return E.isLeft(checked) ? checked : write()
    })
  }

  /** The policy history of every key in one pool, in store order. */
  async history(pool: string): Promise<E.Either<KmsError, readonly KeyPolicyChange[]>> {
    const caughtUp = await this.source.catchUp()
    if (caughtUp !== 'reached') return E.left(internalFailure('The key policy history is not up to date; try again.'))
    return E.right(await this.source.history(pool))
  }
  private serialised<T>(pool: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(pool) ?? Promise.resolve()
    const next = previous.then(run, run)
    const tail = next.catch(() => undefined)
    this.queues.set(pool, tail)
    void tail.then(() => {
      if (this.queues.get(pool) === tail) this.queues.delete(pool)
    })
    return next
  }
}
