import Database from 'better-sqlite3';
import type { DecodeProblem } from '../../projections/projected-event.ts';
import type { BatchPlan } from '../../projections/runner.ts';
import type { View } from '../../projections/view.ts';
export interface ReadStoreOptions {
    /** SQLite page cache in MiB (default 64): more keeps large usage tables' pages in memory. */
    readonly cacheMiB?: number;
}
export declare class SqliteReadStore {
    readonly db: Database.Database;
    private readonly statements;
    private readonly tables;
    private constructor();
    /** Opens (or creates) the read store at `path`; `:memory:` for specs. */
    static open(path: string, options?: ReadStoreOptions): SqliteReadStore;
    /**
     * Creates the view's tables. A view whose stored version differs (its fold or tables changed) is dropped
     * and starts again from position 0; returns true when that happened.
     */
    install(view: View): boolean;
    /** Drops the view's rows and sets its checkpoint back to 0, in one transaction. */
    reset(view: View): void;
    checkpoints(): Map<string, number>;
    /** Applies a plan: every view's rows, its checkpoint, and the decode problems, atomically. */
    apply(plan: BatchPlan): void;
    /**
     * Plans from the checkpoints read under the write lock, then applies, in one transaction: when several server
     * processes (serve --workers) feed one read store, an event another process applied meanwhile is skipped,
     * never applied twice.
     */
    applyPlanned(plan: (checkpoints: ReadonlyMap<string, number>) => BatchPlan): BatchPlan;
    private write;
    /** A prepared statement, kept for reuse (queries run the same few statements all day). */
    prepare(sql: string): Database.Statement;
    problems(): DecodeProblem[];
    close(): void;
    private createTable;
    private dropTables;
    private run;
    private statement;
}
