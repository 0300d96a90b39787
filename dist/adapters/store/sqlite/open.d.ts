import Database from 'better-sqlite3';
export interface OpenOptions {
    /** How long a writer waits for another process holding the write lock before SQLITE_BUSY. */
    readonly busyTimeoutMs?: number;
}
/** Opens (creating if needed) an event store file: WAL, every commit fsynced, schema migrated. */
export declare const openDatabase: (path: string, options?: OpenOptions) => Database.Database;
