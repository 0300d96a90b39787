import type { Checkpoint } from '../../domain/audit/checkpoint.ts';
import { type Hash } from '../../domain/audit/merkle.ts';
import type { RecordedEvent } from '../../domain/kernel/envelope.ts';
import type { AuditTree } from '../../domain/ports/audit-tree.ts';
export interface EventAt {
    readonly leafIndex: number;
    readonly position: number;
    readonly streamId: string;
    readonly revision: number;
    readonly type: string;
}
export type CheckpointVerdict = {
    readonly kind: 'consistent';
    readonly source: string;
    readonly checkpoint: Checkpoint;
} | {
    readonly kind: 'changed';
    readonly source: string;
    readonly checkpoint: Checkpoint;
    readonly first: EventAt | null;
    readonly detail: string;
} | {
    readonly kind: 'truncated';
    readonly source: string;
    readonly checkpoint: Checkpoint;
    readonly logSize: number;
    readonly missingPosition: number | null;
    readonly detail: string;
} | {
    readonly kind: 'unverified';
    readonly source: string;
    readonly reason: string;
};
export interface Fork {
    readonly a: string;
    readonly b: string;
    readonly size: number;
}
export interface LogCheckReport {
    readonly logSize: number;
    readonly verdicts: readonly CheckpointVerdict[];
    /** Two validly signed checkpoints of one size with different roots: the log showed two histories. */
    readonly forks: readonly Fork[];
    /** The newest checkpoint (largest size, then latest time) the log is consistent with. */
    readonly newestConsistent: Extract<CheckpointVerdict, {
        kind: 'consistent';
    }> | null;
}
export type Candidate = {
    readonly ok: true;
    readonly source: string;
    readonly checkpoint: Checkpoint;
} | {
    readonly ok: false;
    readonly source: string;
    readonly reason: string;
};
export declare const recomputedLeaves: (events: readonly RecordedEvent[]) => Hash[];
export declare const checkLog: (events: readonly RecordedEvent[], candidates: readonly Candidate[], stored?: AuditTree) => LogCheckReport;
