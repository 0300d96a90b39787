import * as E from 'fp-ts/lib/Either.js';
import { type KeyState } from '../../domain/key/index.ts';
import type { EventStore } from '../../domain/ports/event-store.ts';
import type { WrappedRowListing } from '../vault/wrapped-rows.ts';
export interface MaterialCheck {
    /** Keys folded from the events (every state, deleted ones included). */
    readonly keys: number;
    /** Live versions whose material the vault should hold. */
    readonly versions: number;
    /** Those it does not hold, in event order: the first one is what an error names. */
    readonly missing: readonly {
        readonly keyId: string;
        readonly versionId: string;
    }[];
}
/** A key whose versions must have material now: usable, or able to become usable again without an import. */
export declare const needsMaterial: (s: KeyState) => boolean;
/** Folds every `key-` stream and looks each live version up in the vault's rows (still wrapped: no root key). */
export declare const checkMaterial: (store: EventStore, vault: WrappedRowListing, inVault: (s: KeyState) => boolean) => Promise<E.Either<string, MaterialCheck>>;
