import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { limitExceeded } from "../errors.js";
// S-1.2: one region holds at most one user-created default key. Like aliases, the rule is made atomic by a
// stream of its own, `defaultkey-<account>.<region>`, appended with expected revision "no stream".
export const DefaultKeyReserved = t.type({
    type: t.literal('DefaultKeyReserved'),
    data: t.type({ accountId: t.string, region: t.string, keyId: t.string }),
});
export const emptyDefaultKeySlot = { keyId: null };
export const defaultKeySlotStreamId = (accountId, region) => `defaultkey-${accountId}.${region}`;
export const reserveDefaultKey = (slot, cmd) => slot.keyId !== null && slot.keyId !== cmd.releasedKeyId
    ? E.left(limitExceeded(`S-1.2: region ${cmd.region} already has its default key ${slot.keyId}; create more keys in a KMS instance.`))
    : E.right([{ type: 'DefaultKeyReserved', data: { accountId: cmd.accountId, region: cmd.region, keyId: cmd.keyId } }]);
/** The slot names the latest reservation: a reservation after a deleted key replaces it. */
export const evolveDefaultKeySlot = (_slot, e) => ({ keyId: e.data.keyId });
/** S-1.2's slot as a decider (docs/architecture.md §4). */
export const defaultKeySlotDecider = {
    initialState: emptyDefaultKeySlot, decide: (c, s) => reserveDefaultKey(s, c), evolve: evolveDefaultKeySlot, codec: DefaultKeyReserved,
};
