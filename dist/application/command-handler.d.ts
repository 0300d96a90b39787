import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../domain/errors.ts';
import type { RecordedEvent } from '../domain/kernel/envelope.ts';
import type { EventStore } from '../domain/ports/event-store.ts';
import type { IdGenerator } from '../domain/ports/ids.ts';
import { toMetadata, type CommandContext } from '../domain/kernel/context.ts';
export { toMetadata };
import type { Decider } from '../domain/kernel/decider.ts';
export interface Loaded<S> {
    readonly state: S;
    /** Revision of the stream's last event, -1 when the stream does not exist. */
    readonly revision: number;
    readonly events: readonly RecordedEvent[];
}
export interface Handled<S, Ev> {
    readonly state: S;
    readonly events: readonly Ev[];
    /** Global position of the last appended event; 0 when the command changed nothing. */
    readonly position: number;
    readonly revision: number;
}
export declare const MAX_ATTEMPTS = 12;
/**
 * load → decide → append with the expected revision → on conflict reload and decide again, a bounded number
 * of times (docs/architecture.md §10). Returns the new events and the global position read models must reach.
 */
export declare class CommandHandler {
    private readonly store;
    private readonly ids;
    /**
     * Folded states by the array a read returned: a store that hands back the same array while the stream is
     * unchanged (the SQLite store's stream cache) spares each call the decode and fold of the key's events.
     */
    private readonly folded;
    constructor(store: EventStore, ids: IdGenerator);
    load<C, S, Ev extends {
        type: string;
        data: unknown;
    }>(decider: Decider<C, S, Ev>, streamId: string): Promise<E.Either<KmsError, Loaded<S>>>;
    private fold;
    handle<C, S, Ev extends {
        type: string;
        data: unknown;
    }>(decider: Decider<C, S, Ev>, streamId: string, command: C, ctx: CommandContext, 
    /** Runs after decide and before append, e.g. to make key material the new events refer to. */
    beforeAppend?: (events: readonly Ev[], state: S) => Promise<E.Either<KmsError, void>>): Promise<E.Either<KmsError, Handled<S, Ev>>>;
}
