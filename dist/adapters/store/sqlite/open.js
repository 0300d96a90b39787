import Database from 'better-sqlite3';
import { ensurePrivateDatabaseFile } from "../../private-file.js";
import { migrate } from "./schema.js";
/** Opens (creating if needed) an event store file: WAL, every commit fsynced, schema migrated. */
export const openDatabase = (path, options = {}) => {
    ensurePrivateDatabaseFile(path);
    const db = new Database(path);
    try {
        db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
        db.pragma('journal_mode = WAL');
        // On EVERY open: this better-sqlite3 build has SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so reopening an existing
        // WAL file silently gives NORMAL, where a commit is not fsynced (docs/architecture.md §8). An acknowledged append
        // must survive a power cut.
        db.pragma('synchronous = FULL');
        if (db.pragma('synchronous', { simple: true }) !== 2)
            throw new Error(`${path}: could not set synchronous=FULL`);
        migrate(db, path);
        return db;
    }
    catch (e) {
        db.close();
        throw e;
    }
};
