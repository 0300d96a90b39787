import { existsSync, statSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { EXIT, OperatorError } from '../operator-error.ts'
import { acquireDataDirLock, describeHolder, liveLockHolder, type DataDirLock } from './lock.ts'

// What CLI commands check before they touch a data dir (docs/operations.md): it exists (a command never makes
// one: a typo must not become a new, empty KMS), and, for a command that writes, nobody else writes it.

/** Throws DataDir.Missing (exit 3) unless `dir` is an existing directory. */
export const requireDataDir = (dir: string): void => {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new OperatorError('DataDir.Missing', `no data dir at ${dir}`,
      'Give the --data-dir (or --config, or KMS_DATA_DIR) of a keyledger server; only `keyledger serve` makes a new one', EXIT.dataDir)
}

/** Throws DataDir.FileMissing (exit 3) unless `file` exists. */
export const requireFile = (file: string, what: string, todo: string): void => {
  if (!existsSync(file)) throw new OperatorError('DataDir.FileMissing', `no ${what} at ${file}`, todo, EXIT.dataDir)
}

/** The lock for a command that writes, as an OperatorError (DataDir.Locked, exit 3) when someone holds it. */
export const lockDataDir = (dir: string, command: string, warn: (line: string) => void): DataDirLock => {
  const lock = acquireDataDirLock(dir, command)
  if (E.isLeft(lock)) throw new OperatorError('DataDir.Locked', lock.left.reason, '', EXIT.dataDir)
  if (lock.right.tookOver)
    warn(`warning: DataDir.StaleLock: took over ${lock.right.file} from ${describeHolder(lock.right.tookOver)}, which is no longer running`)
  return lock.right
}

/**
 * Runs a command that writes only what the server reads but never writes (access keys): beside a running
 * `serve` it goes ahead (SQLite serialises the two), otherwise it takes the lock so that two such commands, or a
 * restore or upgrade, do not overlap.
 */
export const withWriterLock = <T>(dir: string, command: string, warn: (line: string) => void, f: () => T): T => {
  const holder = liveLockHolder(dir)
  if (holder?.command === 'serve') return f()
  const lock = lockDataDir(dir, command, warn)
  try {
    return f()
  } finally {
    lock.release()
  }
}

const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EIO'])

/**
 * A file system error on the data dir (read-only, no permission, full, failing) as DataDir.NotWritable (exit 3),
 * naming the file; anything else is returned as it is (issue 13 item 10).
 */
export const unwritableDataDir = (e: unknown): unknown => {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  if (code === undefined || !UNWRITABLE.has(code)) return e
  const path = (e as NodeJS.ErrnoException).path ?? 'a file of it'
  return new OperatorError('DataDir.NotWritable', `the data dir cannot be written (${code} on ${path})`,
    code === 'ENOSPC' || code === 'EDQUOT' ? 'Free space on its file system, then start again'
      : 'Mount it read-write and give the server\'s user ownership of it (chmod 700), then start again', EXIT.dataDir)
}
