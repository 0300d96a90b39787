import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import type { CryptoExecutor } from '../../domain/ports/crypto-executor.ts';
import type { CryptoExecutorRouter } from '../../domain/ports/crypto-router.ts';
import type { KeyMaterialLifecycle } from '../../domain/ports/key-material.ts';
import type { KeyEvent, KeyState } from '../../domain/key/index.ts';
import type { KeyKind } from '../../domain/values/key-spec.ts';
export interface CryptoRouterOptions {
    /** Executor of each KMS instance (software or hardware), by instance id. */
    readonly instances: ReadonlyMap<string, CryptoExecutor>;
    /** Where the region's default key lives (a software executor). */
    readonly defaultKeyExecutor: CryptoExecutor;
    /** Told when destroying material after KeyDeleted/KeyMaterialDeleted fails (the event is already stored). */
    readonly onDestroyFailure?: (keyId: string, error: KmsError) => void;
}
/**
 * Picks the executor of a key from its kind and instance (docs/architecture.md §5), and keeps material in step with the key's
 * events (`KeyMaterialLifecycle`): material is made before the events that bring a version into being are
 * appended (a key never exists without it), and destroyed after the events that end it.
 */
export declare class CryptoRouter implements CryptoExecutorRouter, KeyMaterialLifecycle {
    private readonly options;
    constructor(options: CryptoRouterOptions);
    executorFor(key: {
        readonly kind: KeyKind;
        readonly instanceId: string | null;
    }): E.Either<KmsError, CryptoExecutor>;
    provision(state: KeyState, events: readonly KeyEvent[]): Promise<E.Either<KmsError, void>>;
    /** Every executor, once each (software instances share the default key's executor). */
    private executors;
    /** The shredding reconciliation's view of the executors: which key ids still hold material anywhere. */
    heldKeyIds(): Promise<E.Either<KmsError, ReadonlySet<string>>>;
    /** Destroys, idempotently, what the key's events say must be gone (see `materialToDestroy`). */
    shred(state: KeyState): Promise<E.Either<KmsError, void>>;
    afterAppend(state: KeyState, events: readonly KeyEvent[]): Promise<void>;
}
/**
 * What must be gone once a key's events say so: every version of a deleted key, the imported material after
 * KeyMaterialDeleted. `undefined`: nothing (the key has live material, or lives in an external key manager).
 */
export declare const materialToDestroy: (state: KeyState) => "all" | "imported" | undefined;
