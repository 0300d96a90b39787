import type { Hash } from './merkle.ts';
export interface Checkpoint {
    readonly origin: string;
    readonly size: number;
    readonly root: Hash;
    /** When it was made (the signer's clock); signed with the rest. */
    readonly time: string | null;
}
export declare const formatCheckpoint: (c: Checkpoint) => string;
/** Parses a checkpoint body (the note text, ending in a newline); unknown extension lines are ignored. */
export declare const parseCheckpoint: (text: string) => Checkpoint | string;
