import type { Database } from 'better-sqlite3';
/** 'KLDG': marks the file as a keyledger event store, so we never migrate someone else's database. */
export declare const APPLICATION_ID = 1263289415;
export declare const SCHEMA_VERSION: number;
export declare class UnusableDatabase extends Error {
    name: string;
}
/** Brings the file to SCHEMA_VERSION. Runs under the write lock, so two processes opening a new file do not race. */
export declare const migrate: (db: Database, path: string) => void;
