import Database from 'better-sqlite3';
/**
 * Makes `path` (a SQLite database the server keeps in its data dir) owner-only, 0600, whatever the umask: it is
 * created empty with that mode before SQLite opens it, and an existing one is tightened. SQLite gives its -wal
 * and -shm files the database file's mode; any left from before are tightened too. Events, read models and
 * access keys hold no key material, but principals, key ids, policies and call records are nobody else's.
 * `:memory:` and SQLite URIs are left alone.
 */
export declare const ensurePrivateDatabaseFile: (path: string) => void;
/**
 * Opens an owner-only WAL database in the data dir (busy timeout 5 s, the given synchronous level) and hands it
 * to `setup`; the handle is closed when setup throws, so a failed open leaves nothing open.
 */
export declare const openPrivateWalDatabase: <T>(path: string, synchronous: "FULL" | "NORMAL", setup: (db: Database.Database) => T) => T;
