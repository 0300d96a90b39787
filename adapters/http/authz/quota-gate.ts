import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../../domain/errors.ts'
import { KeyCreated, KeyDeleted, KeyPolicyUpdated } from '../../../domain/key/events.ts'
import { checkQuota, type KeyPolicyChange } from '../../../domain/policy/index.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { upcast } from '../../../domain/service/upcast.ts'
import type { KmsInstance } from '../actions/action.ts'

// S-5.4 access-management quota, enforced before a key policy is written (CreateKey `Policy`, SetKeyPolicy).
// The instance's policy history is folded from the key streams (KeyCreated.policy, KeyPolicyUpdated, KeyDeleted
// → null) and `checkQuota` decides with `now` from the Clock: a withdrawn grant frees its unit 5 minutes after
// the event that withdrew it, with no timer anywhere.
// Checks and appends of one instance run one at a time in this process, so two requests cannot both take the
// last unit. Across several server processes that window remains (documented in docs/config.md).
// STOPGAP like ScanningKeyCatalogue: the history is read from every `key-` stream on each policy change (rare
// next to reads); a read model keyed by instance replaces it.

/** keyledger's default when an instance does not say (the real service sells the quota with the instance). */
export const DEFAULT_ACCESS_MANAGEMENT_QUOTA = 10

/** Keys outside any instance (the region's default key) share one pool per account, with the default quota. */
const poolOf = (instanceId: string | null, accountId: string): string => instanceId ?? `default-key:${accountId}`

export interface PolicyChangeRequest {
  /** The key's id, or any id no other key has when the key is about to be created. */
  readonly keyId: string
  readonly ownerAccountId: string
  readonly instanceId: string | null
  /** The policy text about to be stored. */
  readonly policy: string
  readonly now: Date
}

export class QuotaGate {
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(private readonly store: EventStore, private readonly instances: readonly KmsInstance[]) {}

  quotaOf(instanceId: string | null): number {
    const i = instanceId === null ? undefined : this.instances.find((x) => x.instanceId === instanceId)
    return i?.accessManagementQuota ?? DEFAULT_ACCESS_MANAGEMENT_QUOTA
  }

  /** Runs `write` (the append) only if the change fits the quota, holding the instance's turn until it is done. */
  async withinQuota<T>(change: PolicyChangeRequest, write: () => Promise<E.Either<KmsError, T>>): Promise<E.Either<KmsError, T>> {
    const pool = poolOf(change.instanceId, change.ownerAccountId)
    return this.serialised(pool, async () => {
      const checked = checkQuota({
        history: await this.history(pool),
        change: { keyId: change.keyId, ownerAccountId: change.ownerAccountId, policy: change.policy },
        now: change.now,
        quota: this.quotaOf(change.instanceId),
      })
      return E.isLeft(checked) ? checked : write()
    })
  }

  /** The policy history of every key in one pool, in store order. */
  async history(pool: string): Promise<KeyPolicyChange[]> {
    const owners = new Map<string, { pool: string; ownerAccountId: string }>()
    const out: KeyPolicyChange[] = []
    for (const r of await this.store.readAll({ streamPrefixes: ['key-'] })) {
      const e = upcast(r)
      const occurredAt = r.metadata.occurredAt
      if (e.type === 'KeyCreated') {
        const c = KeyCreated.decode(e)
        if (E.isLeft(c)) continue
        const d = c.right.data
        owners.set(d.keyId, { pool: poolOf(d.instanceId, d.accountId), ownerAccountId: d.accountId })
        if (owners.get(d.keyId)!.pool === pool) out.push({ keyId: d.keyId, ownerAccountId: d.accountId, policy: d.policy, occurredAt })
        continue
      }
      const u = e.type === 'KeyPolicyUpdated' ? KeyPolicyUpdated.decode(e) : e.type === 'KeyDeleted' ? KeyDeleted.decode(e) : undefined
      if (!u || E.isLeft(u)) continue
      const owner = owners.get(u.right.data.keyId)
      if (!owner || owner.pool !== pool) continue
      out.push({
        keyId: u.right.data.keyId, ownerAccountId: owner.ownerAccountId, occurredAt,
        policy: u.right.type === 'KeyPolicyUpdated' ? u.right.data.policy : null,
      })
    }
    return out
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
