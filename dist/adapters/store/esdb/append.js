import { NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import { GENESIS_HASH, sealEvents } from "../../../domain/events/hash-chain.js";
import { toEventData } from "./events.js";
import { lastUserPosition, readStreamEvents } from "./read.js";
import { toPortPosition } from "./positions.js";
/** Appends under `any`/`stream_exists` re-read and re-seal after losing a race; past this many, contention is a failure. */
const MAX_CHAIN_RACES = 20;
const conflict = (streamId, expected, actual) => E.left({ kind: 'WrongExpectedRevision', streamId, expected, actual });
/**
 * The hash chain needs the stream's last hash, so every append first reads the stream's last event. What goes to
 * the server is then the EXACT revision that was read (or `no_stream`), whatever the caller expected: a weaker
 * `any`/`stream_exists` sent to the server would let a concurrent writer slip in between and break the chain.
 * The caller's own expectation is checked on the revision read; a lost race under `any`/`stream_exists` is
 * retried with a fresh read, a lost race under an exact expectation is the caller's conflict.
 */
export const appendSealed = async (client, streamId, expected, events) => {
    for (let race = 0; race < MAX_CHAIN_RACES; race++) {
        const tail = (await readStreamEvents(client, streamId, { backwards: true, maxCount: Math.max(1, events.length) })).reverse();
        const last = tail.at(-1);
        const actual = last?.revision ?? -1;
        const retry = await idempotentRetry(client, streamId, expected, events, tail);
        if (retry)
            return E.right(retry);
        if (expected === 'stream_exists' && actual < 0)
            return conflict(streamId, expected, actual);
        if (expected === 'no_stream' && actual >= 0)
            return conflict(streamId, expected, actual);
        if (typeof expected === 'number' && expected !== actual)
            return conflict(streamId, expected, actual);
        if (events.length === 0)
            return E.right({ lastRevision: actual, position: await lastUserPosition(client) });
        const sealed = sealEvents(streamId, actual + 1, last?.metadata.hash ?? GENESIS_HASH, events);
        const sent = actual < 0 ? NO_STREAM : BigInt(actual);
        try {
            const result = await client.appendToStream(streamId, sealed.map(toEventData), { expectedRevision: sent });
            const lastRevision = Number(result.nextExpectedRevision);
            const position = result.position ? toPortPosition(result.position.commit) : await lastUserPosition(client);
            return E.right({ lastRevision, position });
        }
        catch (err) {
            if (!(err instanceof WrongExpectedVersionError))
                throw err;
            if (expected === 'any' || expected === 'stream_exists')
                continue;
            return conflict(streamId, expected, typeof err.actualVersion === 'bigint' ? Number(err.actualVersion) : -1);
        }
    }
    throw new Error(`append to ${streamId}: lost ${MAX_CHAIN_RACES} races in a row for the end of the stream`);
};
/**
 * A client re-sending an append whose acknowledgement it lost: the same event ids already sit right after the
 * expected revision (exact or `no_stream`), or, for `any`/`stream_exists`, anywhere in the stream (as in the
 * other stores; other writers may have appended since). Answer as the first time and write nothing: re-sealing
 * would write the events a second time under new hashes. (EventStoreDB's own idempotence on event ids holds
 * only for the same expected revision, and the adapter always sends the exact revision it read.)
 *
 * Cost: without an index by event id, an `any`/`stream_exists` append whose ids are not at the stream's end
 * reads the whole stream. The service appends with exact revisions or `no_stream`; `any` is for tools and specs.
 */
const idempotentRetry = async (client, streamId, expected, events, tail) => {
    if (events.length === 0 || tail.length === 0)
        return undefined;
    const actual = tail.at(-1).revision;
    let written;
    if (expected === 'any' || expected === 'stream_exists') {
        if (sameIds(tail, events))
            written = tail;
        else {
            const stream = await readStreamEvents(client, streamId, {});
            const at = stream.findIndex((e) => e.eventId === events[0].eventId);
            if (at < 0)
                return undefined;
            written = stream.slice(at, at + events.length);
        }
    }
    else {
        const from = expected === 'no_stream' ? 0 : expected + 1;
        if (from > actual)
            return undefined;
        written = await readStreamEvents(client, streamId, { fromRevision: from, maxCount: events.length });
    }
    if (!sameIds(written, events))
        return undefined;
    const lastWritten = written.at(-1);
    const position = lastWritten.position >= 0 ? lastWritten.position : await lastUserPosition(client);
    return { lastRevision: lastWritten.revision, position };
};
const sameIds = (written, events) => written.length === events.length && written.every((e, i) => e.eventId === events[i].eventId);
