import { type Checkpoint } from '../../domain/audit/checkpoint.ts';
import type { AuditTree } from '../../domain/ports/audit-tree.ts';
import type { KeyObject } from 'node:crypto';
import type { AuditSigner } from './signing-key.ts';
import { type Witness } from './witness.ts';
export declare const CHECKPOINT_DIR = "checkpoints";
export interface MadeCheckpoint {
    readonly checkpoint: Checkpoint;
    /** The signed note, as written to the file. */
    readonly note: string;
    readonly file: string;
    readonly witnessed: ReadonlyArray<{
        readonly witness: string;
        readonly error?: string;
    }>;
}
export interface CheckpointDeps {
    readonly tree: AuditTree;
    readonly signer: AuditSigner;
    readonly dataDir: string;
    readonly now: Date;
    readonly witnesses?: readonly Witness[];
}
export declare const makeCheckpoint: (d: CheckpointDeps) => Promise<MadeCheckpoint>;
export type CheckedNote = {
    readonly ok: true;
    readonly source: string;
    readonly note: string;
    readonly checkpoint: Checkpoint;
} | {
    readonly ok: false;
    readonly source: string;
    readonly reason: string;
};
/** A checkpoint note whose signature `publicKey` verifies, parsed; else why not. */
export declare const checkNote: (source: string, note: string, publicKey: KeyObject, origin?: string) => CheckedNote;
/** Checkpoint files given as files or directories (every `*.checkpoint` in them). */
export declare const readCheckpointFiles: (paths: readonly string[]) => Array<{
    source: string;
    note: string;
}>;
/** The data dir's newest checkpoint that its own key signed (largest size, then latest time), if any. */
export declare const latestCheckpoint: (dataDir: string, signer: AuditSigner) => Extract<CheckedNote, {
    ok: true;
}> | undefined;
