import type { ExpectedRevision } from '../../../domain/ports/event-store.ts';
import type { CommitStats, Settled } from './group-commit.ts';
import type { AppendOutcome, AppendRequest } from './write-append.ts';
export interface WireEvent {
    readonly eventId: string;
    readonly type: string;
    readonly data: string;
    readonly metadata: string;
}
export interface WireAppend {
    readonly id: number;
    readonly streamId: string;
    readonly expected: ExpectedRevision;
    readonly events: readonly WireEvent[];
}
export interface WireError {
    readonly name: string;
    readonly message: string;
    readonly code?: string;
    readonly eventId?: string;
    readonly streamId?: string;
}
export type WireSettled = {
    readonly id: number;
    readonly outcome: AppendOutcome;
} | {
    readonly id: number;
    readonly error: WireError;
};
export type ToWriter = {
    readonly kind: 'append';
    readonly appends: readonly WireAppend[];
} | {
    readonly kind: 'close';
};
export type FromWriter = {
    readonly kind: 'ready';
} | {
    readonly kind: 'committed';
    readonly settled: readonly WireSettled[];
    readonly wrote: boolean;
    readonly stats: CommitStats;
} | {
    readonly kind: 'closed';
} | {
    readonly kind: 'failed';
    readonly error: WireError;
};
/** Serialises an append's events; throws (as the store did in the writer) when one is not JSON. */
export declare const toWire: (id: number, r: AppendRequest) => WireAppend;
export declare const fromWire: (w: WireAppend) => AppendRequest;
export declare const errorToWire: (e: unknown) => WireError;
/** The writer's error as the caller would have seen it had the append run on its own thread (same class, name, code). */
export declare const errorFromWire: (w: WireError) => Error;
export declare const settledToWire: (id: number, s: Settled) => WireSettled;
