import type * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
import type { KeyEvent } from '../key/events.ts';
import type { KeyState } from '../key/state.ts';
/**
 * Material for the versions that events bring into being, and its destruction: implemented by the crypto
 * router. Making material before the events are appended means a key never exists without it.
 */
export interface KeyMaterialLifecycle {
    provision(state: KeyState, events: readonly KeyEvent[]): Promise<E.Either<KmsError, void>>;
    afterAppend(state: KeyState, events: readonly KeyEvent[]): Promise<void>;
}
/** The executors as the reconciliation sees them (the crypto router implements it). */
export interface MaterialShredder {
    /** Key ids whose material some executor still holds. */
    heldKeyIds(): Promise<E.Either<KmsError, ReadonlySet<string>>>;
    /** Destroys, idempotently, what the key's events say must be gone. */
    shred(state: KeyState): Promise<E.Either<KmsError, void>>;
}
/** The vault's import tokens, as the scheduler's expiry job sees them. */
export interface ExpiredImportTokens {
    deleteExpiredImportTokens(now: Date): Promise<void>;
}
