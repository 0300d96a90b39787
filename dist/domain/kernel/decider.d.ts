import type * as t from 'io-ts';
import type { Either } from 'fp-ts/lib/Either.js';
import type { KmsError } from '../errors.ts';
/** An aggregate as a decider: the shape every stream's rules take (STYLE.md). */
export interface Decider<C, S, E extends {
    type: string;
    data: unknown;
}> {
    readonly initialState: S;
    readonly decide: (command: C, state: S) => Either<KmsError, E[]>;
    readonly evolve: (state: S, event: E) => S;
    /** Decodes an event read back from a store; never trust what a store returns. */
    readonly codec: t.Type<E, unknown>;
}
