import { existsSync, statSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { EXIT, OperatorError } from "../operator-error.js";
import { acquireDataDirLock, describeHolder, liveLockHolder } from "./lock.js";
// What CLI commands check before they touch a data dir (docs/operations.md): it exists (a command never makes
// one: a typo must not become a new, empty KMS), and, for a command that writes, nobody else writes it.
/** Throws DataDir.Missing (exit 3) unless `dir` is an existing directory. */
export const requireDataDir = (dir) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new OperatorError('DataDir.Missing', `no data dir at ${dir}`, 'Give the --data-dir (or --config, or KMS_DATA_DIR) of a keyledger server; only `keyledger serve` makes a new one', EXIT.dataDir);
};
/** Throws DataDir.FileMissing (exit 3) unless `file` exists. */
export const requireFile = (file, what, todo) => {
    if (!existsSync(file))
        throw new OperatorError('DataDir.FileMissing', `no ${what} at ${file}`, todo, EXIT.dataDir);
};
/** The lock for a command that writes, as an OperatorError (DataDir.Locked, exit 3) when someone holds it. */
export const lockDataDir = (dir, command, warn) => {
    const lock = acquireDataDirLock(dir, command);
    if (E.isLeft(lock))
        throw new OperatorError('DataDir.Locked', lock.left.reason, '', EXIT.dataDir);
    if (lock.right.tookOver)
        warn(`warning: DataDir.StaleLock: took over ${lock.right.file} from ${describeHolder(lock.right.tookOver)}, which is no longer running`);
    return lock.right;
};
/**
 * Runs a command that writes only what the server reads but never writes (access keys): beside a running
 * `serve` it goes ahead (SQLite serialises the two), otherwise it takes the lock so that two such commands, or a
 * restore or upgrade, do not overlap.
 */
export const withWriterLock = (dir, command, warn, f) => {
    const holder = liveLockHolder(dir);
    if (holder?.command === 'serve')
        return f();
    const lock = lockDataDir(dir, command, warn);
    try {
        return f();
    }
    finally {
        lock.release();
    }
};
