import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { limitExceeded, type KmsError } from '../errors.ts'

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

export const reserveDefaultKey = (
  slot: DefaultKeySlot,
  cmd: { accountId: string; region: string; keyId: string }
): E.Either<KmsError, DefaultKeyReserved[]> =>
  slot.keyId !== null
    ? E.left(limitExceeded(`S-1.2: region ${cmd.region} already has its default key ${slot.keyId}; create more keys in a KMS instance.`))
    : E.right([{ type: 'DefaultKeyReserved', data: cmd }])

export const evolveDefaultKeySlot = (_slot: DefaultKeySlot, e: DefaultKeyReserved): DefaultKeySlot => ({ keyId: e.data.keyId })
