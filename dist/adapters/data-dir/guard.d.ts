import { type DataDirLock } from './lock.ts';
/** Throws DataDir.Missing (exit 3) unless `dir` is an existing directory. */
export declare const requireDataDir: (dir: string) => void;
/** Throws DataDir.FileMissing (exit 3) unless `file` exists. */
export declare const requireFile: (file: string, what: string, todo: string) => void;
/** The lock for a command that writes, as an OperatorError (DataDir.Locked, exit 3) when someone holds it. */
export declare const lockDataDir: (dir: string, command: string, warn: (line: string) => void) => DataDirLock;
/**
 * Runs a command that writes only what the server reads but never writes (access keys): beside a running
 * `serve` it goes ahead (SQLite serialises the two), otherwise it takes the lock so that two such commands, or a
 * restore or upgrade, do not overlap.
 */
export declare const withWriterLock: <T>(dir: string, command: string, warn: (line: string) => void, f: () => T) => T;
