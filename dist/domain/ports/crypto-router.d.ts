import type { Either } from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
import type { KeyKind } from '../values/key-spec.ts';
import type { CryptoExecutor } from './crypto-executor.ts';
/** Picks the executor that holds a key's material, from its kind and instance (docs/architecture.md §5). */
export interface CryptoExecutorRouter {
    executorFor(key: {
        readonly kind: KeyKind;
        readonly instanceId: string | null;
    }): Either<KmsError, CryptoExecutor>;
}
