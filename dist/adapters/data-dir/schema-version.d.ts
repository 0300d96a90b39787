import type Database from 'better-sqlite3';
export interface SchemaStamp {
    /** What the file is, for messages ("vault"). */
    readonly what: string;
    /** Four ASCII letters as a 32-bit number, e.g. 'KLDV'. */
    readonly applicationId: number;
    /** The schema version this build writes and reads. */
    readonly version: number;
}
export declare const appId: (four: string) => number;
export declare const SCHEMAS: {
    readonly vault: {
        readonly what: "vault";
        readonly applicationId: number;
        readonly version: 1;
    };
    readonly accessKeys: {
        readonly what: "access key store";
        readonly applicationId: number;
        readonly version: 1;
    };
    readonly readStore: {
        readonly what: "read store";
        readonly applicationId: number;
        readonly version: 1;
    };
};
/** Thrown for a file written by a newer keyledger, or by something else: the message starts with its code. */
export declare class UnsupportedSchema extends Error {
    name: string;
}
export interface SchemaState {
    readonly version: number;
    readonly applicationId: number;
}
export declare const readSchema: (db: Database.Database) => SchemaState;
/** Refuses a newer or foreign file; stamps an unstamped (0.1.0) one. Call right after opening. */
export declare const checkSchema: (db: Database.Database, path: string, s: SchemaStamp) => void;
