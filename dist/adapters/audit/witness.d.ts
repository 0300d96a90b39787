import type { Checkpoint } from '../../domain/audit/checkpoint.ts';
export type WitnessConfig = {
    readonly type: 'directory';
    readonly path: string;
} | {
    readonly type: 'http';
    readonly url: string;
    readonly timeoutMs?: number;
};
export interface Witness {
    readonly name: string;
    push(note: string, checkpoint: Checkpoint): Promise<void>;
}
export declare const checkpointFileName: (c: Checkpoint) => string;
/** A directory (a mounted share, a WORM bucket, another machine's disk): one file per checkpoint, never replaced. */
export declare const directoryWitness: (path: string) => Witness;
/** An HTTP endpoint that accepts a checkpoint as the body of a POST (text/plain); any 2xx answer is acceptance. */
export declare const httpWitness: (url: string, timeoutMs?: number) => Witness;
export declare const witnessOf: (c: WitnessConfig) => Witness;
