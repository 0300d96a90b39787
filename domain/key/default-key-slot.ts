import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { limitExceeded, type KmsError } from '../errors.ts'
import type { Decider } from '../kernel/decider.ts'

// S-1.2: one region holds at most one user-created default key. Like aliases, the rule is made atomic by a
// stream of its own, `defaultkey-<account>.<region>`, appended with expected revision "no stream".

export const DefaultKeyReserved = t.type({
  type: t.literal('DefaultKeyReserved'),
  data: t.type({ accountId: t.string, region: t.string, keyId: t.string }),
})
export type DefaultKeyReserved = t.TypeOf<typeof DefaultKeyReserved>

export interface DefaultKeySlot {
  readonly keyId: string | null
}

export const emptyDefaultKeySlot: DefaultKeySlot = { keyId: null }

export const defaultKeySlotStreamId = (accountId: string, region: string): string => `defaultkey-${accountId}.${region}`

export interface ReserveDefaultKey {
  readonly accountId: string
  readonly region: string
  readonly keyId: string
  /**
   * The key the slot names that the caller found deleted (KeyDeleted, past its pending window), or null. A
   * deleted default key frees the slot: the region may hold one *live* user-created default key (S-1.2), and a
   * key that can never be used again should not block its region for good. Naming the released key (rather than
   * a flag) keeps a retried reservation honest: if someone reserved meanwhile, the slot names another key.
   */
  readonly releasedKeyId: string | null
}

export const reserveDefaultKey = (slot: DefaultKeySlot, cmd: ReserveDefaultKey): E.Either<KmsError, DefaultKeyReserved[]> =>
  slot.keyId !== null && slot.keyId !== cmd.releasedKeyId
    ? E.left(limitExceeded(`S-1.2: region ${cmd.region} already has its default key ${slot.keyId}; create more keys in a KMS instance.`))
    : E.right([{ type: 'DefaultKeyReserved', data: { accountId: cmd.accountId, region: cmd.region, keyId: cmd.keyId } }])

/** The slot names the latest reservation: a reservation after a deleted key replaces it. */
export const evolveDefaultKeySlot = (_slot: DefaultKeySlot, e: DefaultKeyReserved): DefaultKeySlot => ({ keyId: e.data.keyId })

/** S-1.2's slot as a decider (docs/architecture.md §4). */
export const defaultKeySlotDecider: Decider<ReserveDefaultKey, DefaultKeySlot, DefaultKeyReserved> = {
  initialState: emptyDefaultKeySlot, decide: (c, s) => reserveDefaultKey(s, c), evolve: evolveDefaultKeySlot, codec: DefaultKeyReserved,
}
