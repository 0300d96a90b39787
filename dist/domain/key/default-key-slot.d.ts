import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import type { Decider } from '../kernel/decider.ts';
export declare const DefaultKeyReserved: t.TypeC<{
    type: t.LiteralC<"DefaultKeyReserved">;
    data: t.TypeC<{
        accountId: t.StringC;
        region: t.StringC;
        keyId: t.StringC;
    }>;
}>;
export type DefaultKeyReserved = t.TypeOf<typeof DefaultKeyReserved>;
export interface DefaultKeySlot {
    readonly keyId: string | null;
}
export declare const emptyDefaultKeySlot: DefaultKeySlot;
export declare const defaultKeySlotStreamId: (accountId: string, region: string) => string;
export interface ReserveDefaultKey {
    readonly accountId: string;
    readonly region: string;
    readonly keyId: string;
    /**
     * The key the slot names that the caller found deleted (KeyDeleted, past its pending window), or null. A
     * deleted default key frees the slot: the region may hold one *live* user-created default key (S-1.2), and a
     * key that can never be used again should not block its region for good. Naming the released key (rather than
     * a flag) keeps a retried reservation honest: if someone reserved meanwhile, the slot names another key.
     */
    readonly releasedKeyId: string | null;
}
export declare const reserveDefaultKey: (slot: DefaultKeySlot, cmd: ReserveDefaultKey) => E.Either<KmsError, DefaultKeyReserved[]>;
/** The slot names the latest reservation: a reservation after a deleted key replaces it. */
export declare const evolveDefaultKeySlot: (_slot: DefaultKeySlot, e: DefaultKeyReserved) => DefaultKeySlot;
/** S-1.2's slot as a decider (docs/architecture.md §4). */
export declare const defaultKeySlotDecider: Decider<ReserveDefaultKey, DefaultKeySlot, DefaultKeyReserved>;
