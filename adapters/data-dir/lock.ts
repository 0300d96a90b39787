import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'

// One writer per data dir (docs/operations.md#the-lock), like PostgreSQL's postmaster.pid: a file naming the
// process that holds the dir. `serve` holds it while it runs; CLI commands that write take it for their run.
// The file is made whole under a temporary name and hard-linked into place, so two processes starting at once
// cannot both win and nobody reads a half-written file. A lock whose process is gone (same host, dead pid) is
// taken over with a warning; a lock from another host is never taken over: its pid means nothing here.

export const LOCK_FILE = 'keyledger.lock'

const Holder = t.type({ pid: t.number, host: t.string, command: t.string, since: t.string })
export type LockHolder = t.TypeOf<typeof Holder>

export interface DataDirLock {
  readonly file: string
  readonly holder: LockHolder
  /** Set when a dead holder's lock was taken over: the warning to show. */
  readonly tookOver?: LockHolder
  /** Removes the file if it is still ours (idempotent). */
  release(): void
}

export interface LockRefused {
  readonly file: string
  /** The live holder, or undefined when the file cannot be read as a lock. */
  readonly holder?: LockHolder
  readonly reason: string
}

export const describeHolder = (h: LockHolder): string => `pid ${h.pid} on ${h.host} (${h.command}, since ${h.since})`

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const readHolder = (file: string): LockHolder | undefined => {
  try {
    const h = Holder.decode(JSON.parse(readFileSync(file, 'utf8')))
    return E.isRight(h) ? h.right : undefined
  } catch {
    return undefined
  }
}

const place = (file: string, holder: LockHolder): boolean => {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`
  // Flushed before it is linked in: a disk that fails after the start (issue 13 item 10) must not leave an empty
  // lock file, which no later start could tell from someone else's.
  writeFileSync(tmp, `${JSON.stringify(holder)}\n`, { mode: 0o600, flush: true })
  try {
    linkSync(tmp, file)
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  } finally {
    unlinkSync(tmp)
  }
}

/** Takes the data dir's lock for `command` (e.g. "serve"), or says who holds it. The dir must exist. */
export const acquireDataDirLock = (dataDir: string, command: string, now: Date = new Date()): E.Either<LockRefused, DataDirLock> => {
  const file = join(dataDir, LOCK_FILE)
  const me: LockHolder = { pid: process.pid, host: hostname(), command, since: now.toISOString() }
  let tookOver: LockHolder | undefined
  for (let attempt = 0; attempt < 3; attempt++) {
    if (place(file, me)) {
      let released = false
      return E.right({
        file, holder: me, ...(tookOver ? { tookOver } : {}),
        release: () => {
          if (released) return
          released = true
          const h = readHolder(file)
          try {
            if (h && h.pid === me.pid && h.host === me.host && h.since === me.since) unlinkSync(file)
          } catch (e) {
            // A data dir gone read-only (issue 13 item 10) keeps its lock file: the next start finds it stale (its
            // process is gone) and takes it over, so stopping must not fail on it.
            process.stderr.write(`keyledger: the data dir lock ${file} could not be removed (${(e as NodeJS.ErrnoException).code ?? String(e)}); the next start takes it over\n`)
          }
        },
      })
    }
    const holder = readHolder(file)
    if (!holder)
      return E.left({ file, reason: `${file} exists but is not a keyledger lock (unreadable or not JSON); if no keyledger runs on this data dir, remove it` })
    if (holder.host !== me.host)
      return E.left({ file, holder, reason: `the data dir is locked by ${describeHolder(holder)}, another host: stop it there, or remove ${file} if that host no longer uses this data dir` })
    if (alive(holder.pid) && holder.pid !== process.pid)
      return E.left({ file, holder, reason: `the data dir is in use by ${describeHolder(holder)}: stop that process first, or use another --data-dir` })
    // Stale: its process is gone. Remove it only if it is still the same stale file, then try again.
    if (JSON.stringify(readHolder(file)) === JSON.stringify(holder)) {
      try { unlinkSync(file) } catch { /* someone else removed it first */ }
    }
    tookOver = holder
  }
  return E.left({ file, reason: `could not take ${file}: other processes keep taking it` })
}

/** Who holds the lock now, if a live process does (for commands that may run beside a server). */
export const liveLockHolder = (dataDir: string): LockHolder | undefined => {
  const h = readHolder(join(dataDir, LOCK_FILE))
  return h && (h.host !== hostname() || alive(h.pid)) ? h : undefined
}
