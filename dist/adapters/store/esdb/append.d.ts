import { type EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import type { NewEvent } from '../../../domain/kernel/envelope.ts';
import type { AppendResult, ExpectedRevision, WrongExpectedRevision } from '../../../domain/ports/event-store.ts';
type Outcome = E.Either<WrongExpectedRevision, AppendResult>;
/**
 * The hash chain needs the stream's last hash, so every append first reads the stream's last event. What goes to
 * the server is then the EXACT revision that was read (or `no_stream`), whatever the caller expected: a weaker
 * `any`/`stream_exists` sent to the server would let a concurrent writer slip in between and break the chain.
 * The caller's own expectation is checked on the revision read; a lost race under `any`/`stream_exists` is
 * retried with a fresh read, a lost race under an exact expectation is the caller's conflict.
 */
export declare const appendSealed: (client: EventStoreDBClient, streamId: string, expected: ExpectedRevision, events: readonly NewEvent[]) => Promise<Outcome>;
export {};
