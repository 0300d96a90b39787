import { START, type Position } from '@eventstore/db-client';
export declare const toPortPosition: (commit: bigint) => number;
export declare const toEsdbPosition: (after: number) => Position | typeof START;
/** A commit position the server actually reported, or undefined (`NO_POSITION`, or missing). */
export declare const reportedPosition: (...candidates: Array<bigint | undefined>) => bigint | undefined;
export declare class SharedCommitPosition extends Error {
    readonly position: bigint;
    constructor(position: bigint);
}
