import type { RecordedEvent } from '../domain/kernel/envelope.ts';
import { type DecodeProblem } from './projected-event.ts';
import type { RowOp } from './rows.ts';
import type { View } from './view.ts';
export interface ViewPlan {
    readonly view: string;
    readonly ops: readonly RowOp[];
    /** The view's checkpoint after this batch: the last global position it has seen. */
    readonly checkpoint: number;
}
export interface BatchPlan {
    readonly views: readonly ViewPlan[];
    readonly problems: readonly DecodeProblem[];
    /** Events folded by at least one view (events at or below every checkpoint are redelivery). */
    readonly applied: number;
}
export declare const planBatch: (views: readonly View[], checkpoints: ReadonlyMap<string, number>, events: readonly RecordedEvent[]) => BatchPlan;
