export type SqlValue = string | number | null;
export type Row = Readonly<Record<string, SqlValue>>;
/** How an upsert merges a column into an existing row: `max`/`min` keep the extreme, `add` sums counters. */
export type Merge = 'replace' | 'max' | 'min' | 'add';
export type RowOp = {
    readonly op: 'upsert';
    readonly table: string;
    readonly row: Row;
    readonly merge?: Readonly<Record<string, Merge>>;
} | {
    readonly op: 'update';
    readonly table: string;
    readonly where: Row;
    readonly set: Row;
} | {
    readonly op: 'delete';
    readonly table: string;
    readonly where: Row;
};
export interface TableSpec {
    readonly name: string;
    /** Column name → SQLite declaration (`TEXT`, `INTEGER NOT NULL DEFAULT 0`, …). */
    readonly columns: Readonly<Record<string, string>>;
    readonly primaryKey: readonly string[];
    readonly indexes?: readonly (readonly string[])[];
}
export declare const upsert: (table: string, row: Row, merge?: Readonly<Record<string, Merge>>) => RowOp;
export declare const update: (table: string, where: Row, set: Row) => RowOp;
export declare const remove: (table: string, where: Row) => RowOp;
