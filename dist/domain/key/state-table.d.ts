import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
import type { KeyState } from './state.ts';
/**
 * The state × action table of the API reference §5.2, as gates. Each operation names its gate in the catalogue
 * (domain/operations/catalogue.ts); the use cases and `decide` all ask it there, so a row is changed in one place.
 */
export type StateGate = 'any' | 'usable' | 'editable' | 'toggle' | 'schedulable' | 'cancellable';
/**
 * Each API action's gate, read off the catalogue of operations (domain/operations/catalogue.ts), where each is
 * declared; RotateKey (the scheduler's command, no API action) keeps its row as the API reference lists it.
 */
export declare const ACTION_GATES: Readonly<Record<string, StateGate>>;
export declare const checkGate: (gate: StateGate, s: KeyState) => E.Either<KmsError, KeyState>;
/** The gate of an API action; actions not in the table need only an existing key. */
export declare const checkActionAllowed: (action: string, s: KeyState) => E.Either<KmsError, KeyState>;
