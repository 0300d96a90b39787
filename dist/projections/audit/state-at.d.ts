import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
import { type KeyState } from '../../domain/key/index.ts';
import { type DecodeProblem } from '../projected-event.ts';
/**
 * `audit state KEY --at TIME`: the key as it was at that instant, folded with the aggregate's own `evolve`
 * from the events that had occurred by then (metadata.occurredAt ≤ at). `created: false` means the key did
 * not exist yet.
 */
export declare const keyStateAt: (events: readonly RecordedEvent[], at: Date) => E.Either<DecodeProblem, KeyState>;
