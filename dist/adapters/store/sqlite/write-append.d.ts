import * as E from 'fp-ts/lib/Either.js';
import type { NewEvent } from '../../../domain/kernel/envelope.ts';
import type { AppendResult, ExpectedRevision, WrongExpectedRevision } from '../../../domain/ports/event-store.ts';
import type { Statements } from './statements.ts';
export interface AppendRequest {
    readonly streamId: string;
    readonly expected: ExpectedRevision;
    readonly events: readonly NewEvent[];
}
export type AppendOutcome = E.Either<WrongExpectedRevision, AppendResult>;
/**
 * One append inside the group's transaction (the write lock is held, so what it reads cannot change under it).
 * Returns `wrote` so the caller knows whether subscribers have something new. Throws on a failure of this append
 * alone (unserialisable data, reused event id); the caller rolls back to its savepoint.
 */
export declare const writeAppend: (st: Statements, { streamId, expected, events }: AppendRequest) => {
    outcome: AppendOutcome;
    wrote: boolean;
};
