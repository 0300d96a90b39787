import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
// One writer per data dir (docs/operations.md#the-lock), like PostgreSQL's postmaster.pid: a file naming the
// process that holds the dir. `serve` holds it while it runs; CLI commands that write take it for their run.
// The file is made whole under a temporary name and hard-linked into place, so two processes starting at once
// cannot both win and nobody reads a half-written file. A lock whose process is gone (same host, dead pid) is
// taken over with a warning; a lock from another host is never taken over: its pid means nothing here.
export const LOCK_FILE = 'keyledger.lock';
const Holder = t.type({ pid: t.number, host: t.string, command: t.string, since: t.string });
export const describeHolder = (h) => `pid ${h.pid} on ${h.host} (${h.command}, since ${h.since})`;
const alive = (pid) => {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        // EPERM: the process exists but belongs to someone else.
        return e.code === 'EPERM';
    }
};
const readHolder = (file) => {
    try {
        const h = Holder.decode(JSON.parse(readFileSync(file, 'utf8')));
        return E.isRight(h) ? h.right : undefined;
    }
    catch {
        return undefined;
    }
};
const place = (file, holder) => {
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
    writeFileSync(tmp, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
    try {
        linkSync(tmp, file);
        return true;
    }
    catch (e) {
        if (e.code === 'EEXIST')
            return false;
        throw e;
    }
    finally {
        unlinkSync(tmp);
    }
};
/** Takes the data dir's lock for `command` (e.g. "serve"), or says who holds it. The dir must exist. */
export const acquireDataDirLock = (dataDir, command, now = new Date()) => {
    const file = join(dataDir, LOCK_FILE);
    const me = { pid: process.pid, host: hostname(), command, since: now.toISOString() };
    let tookOver;
    for (let attempt = 0; attempt < 3; attempt++) {
        if (place(file, me)) {
            let released = false;
            return E.right({
                file, holder: me, ...(tookOver ? { tookOver } : {}),
                release: () => {
                    if (released)
                        return;
                    released = true;
                    const h = readHolder(file);
                    if (h && h.pid === me.pid && h.host === me.host && h.since === me.since)
                        unlinkSync(file);
                },
            });
        }
        const holder = readHolder(file);
        if (!holder)
            return E.left({ file, reason: `${file} exists but is not a keyledger lock (unreadable or not JSON); if no keyledger runs on this data dir, remove it` });
        if (holder.host !== me.host)
            return E.left({ file, holder, reason: `the data dir is locked by ${describeHolder(holder)}, another host: stop it there, or remove ${file} if that host no longer uses this data dir` });
        if (alive(holder.pid) && holder.pid !== process.pid)
            return E.left({ file, holder, reason: `the data dir is in use by ${describeHolder(holder)}: stop that process first, or use another --data-dir` });
        // Stale: its process is gone. Remove it only if it is still the same stale file, then try again.
        if (JSON.stringify(readHolder(file)) === JSON.stringify(holder)) {
            try {
                unlinkSync(file);
            }
            catch { /* someone else removed it first */ }
        }
        tookOver = holder;
    }
    return E.left({ file, reason: `could not take ${file}: other processes keep taking it` });
};
/** Who holds the lock now, if a live process does (for commands that may run beside a server). */
export const liveLockHolder = (dataDir) => {
    const h = readHolder(join(dataDir, LOCK_FILE));
    return h && (h.host !== hostname() || alive(h.pid)) ? h : undefined;
};
