import type { ProjectedEvent } from './projected-event.ts';
import type { RowOp, TableSpec } from './rows.ts';
/**
 * A read model as a fold: `project` turns one event into row operations on the view's own tables. It must be
 * deterministic (same event, same ops), so that a rebuild gives the rows live delivery gave.
 * Bump `version` when the tables or the fold change: the runner then rebuilds the view at start.
 */
export interface View {
    readonly name: string;
    readonly version: number;
    readonly tables: readonly TableSpec[];
    readonly project: (e: ProjectedEvent) => readonly RowOp[];
}
