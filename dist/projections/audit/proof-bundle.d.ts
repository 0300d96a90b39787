import type { KeyObject } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Checkpoint } from '../../domain/audit/checkpoint.ts';
import { type RangeHash } from '../../domain/audit/merkle.ts';
import { type RecordedEvent } from '../../domain/kernel/envelope.ts';
export declare const PROOF_FORMAT = "keyledger-audit-proof/v1";
declare const Proven: t.TypeC<{
    leafIndex: t.NumberC;
    event: t.TypeC<{
        streamId: t.StringC;
        revision: t.NumberC;
        position: t.NumberC;
        eventId: t.StringC;
        type: t.StringC;
        data: t.UnknownC;
        metadata: t.IntersectionC<[t.IntersectionC<[t.TypeC<{
            principal: t.StringC;
            requestId: t.StringC;
            occurredAt: t.StringC;
            correlationId: t.StringC;
            causationId: t.StringC;
        }>, t.PartialC<{
            sourceIp: t.StringC;
            userAgent: t.StringC;
            schemaVersion: t.NumberC;
        }>]>, t.TypeC<{
            prevHash: t.StringC;
            hash: t.StringC;
        }>]>;
    }>;
    inclusion: t.ArrayC<t.StringC>;
}>;
export declare const ProofBundle: t.IntersectionC<[t.TypeC<{
    format: t.LiteralC<"keyledger-audit-proof/v1">;
    keyId: t.StringC;
    checkpoint: t.StringC;
    events: t.ArrayC<t.TypeC<{
        leafIndex: t.NumberC;
        event: t.TypeC<{
            streamId: t.StringC;
            revision: t.NumberC;
            position: t.NumberC;
            eventId: t.StringC;
            type: t.StringC;
            data: t.UnknownC;
            metadata: t.IntersectionC<[t.IntersectionC<[t.TypeC<{
                principal: t.StringC;
                requestId: t.StringC;
                occurredAt: t.StringC;
                correlationId: t.StringC;
                causationId: t.StringC;
            }>, t.PartialC<{
                sourceIp: t.StringC;
                userAgent: t.StringC;
                schemaVersion: t.NumberC;
            }>]>, t.TypeC<{
                prevHash: t.StringC;
                hash: t.StringC;
            }>]>;
        }>;
        inclusion: t.ArrayC<t.StringC>;
    }>>;
}>, t.PartialC<{
    state: t.TypeC<{
        at: t.StringC;
        streamId: t.StringC;
        boundary: t.UnionC<[t.TypeC<{
            leafIndex: t.NumberC;
            event: t.TypeC<{
                streamId: t.StringC;
                revision: t.NumberC;
                position: t.NumberC;
                eventId: t.StringC;
                type: t.StringC;
                data: t.UnknownC;
                metadata: t.IntersectionC<[t.IntersectionC<[t.TypeC<{
                    principal: t.StringC;
                    requestId: t.StringC;
                    occurredAt: t.StringC;
                    correlationId: t.StringC;
                    causationId: t.StringC;
                }>, t.PartialC<{
                    sourceIp: t.StringC;
                    userAgent: t.StringC;
                    schemaVersion: t.NumberC;
                }>]>, t.TypeC<{
                    prevHash: t.StringC;
                    hash: t.StringC;
                }>]>;
            }>;
            inclusion: t.ArrayC<t.StringC>;
        }>, t.NullC]>;
    }>;
}>]>;
export type ProofBundle = t.TypeOf<typeof ProofBundle>;
export type ProvenEvent = t.TypeOf<typeof Proven>;
/** Inclusion paths for `events` in the tree's first `size` leaves; events the tree does not hold yet are refused. */
export declare const proveEvents: (events: readonly RecordedEvent[], size: number, range: RangeHash, leafIndexOf: (position: number) => number | undefined) => E.Either<string, ProvenEvent[]>;
export interface VerifiedBundle {
    readonly checkpoint: Checkpoint;
    readonly events: readonly RecordedEvent[];
    /** Per stream: revisions 0..last, each linked to the one before. */
    readonly streams: ReadonlyMap<string, number>;
}
type OpenCheckpoint = (note: string, publicKey: KeyObject) => E.Either<string, Checkpoint>;
/**
 * Checks a proof file: the checkpoint's signature, each event's own hash (recomputed from its content), its
 * inclusion under the signed root, and that each stream's events run from revision 0 without a gap, each
 * naming the one before (so none was left out between them).
 */
export declare const verifyBundle: (b: ProofBundle, publicKey: KeyObject, open: OpenCheckpoint) => E.Either<string, VerifiedBundle>;
export {};
