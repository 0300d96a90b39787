import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
export declare const LOCK_FILE = "keyledger.lock";
declare const Holder: t.TypeC<{
    pid: t.NumberC;
    host: t.StringC;
    command: t.StringC;
    since: t.StringC;
}>;
export type LockHolder = t.TypeOf<typeof Holder>;
export interface DataDirLock {
    readonly file: string;
    readonly holder: LockHolder;
    /** Set when a dead holder's lock was taken over: the warning to show. */
    readonly tookOver?: LockHolder;
    /** Removes the file if it is still ours (idempotent). */
    release(): void;
}
export interface LockRefused {
    readonly file: string;
    /** The live holder, or undefined when the file cannot be read as a lock. */
    readonly holder?: LockHolder;
    readonly reason: string;
}
export declare const describeHolder: (h: LockHolder) => string;
/** Takes the data dir's lock for `command` (e.g. "serve"), or says who holds it. The dir must exist. */
export declare const acquireDataDirLock: (dataDir: string, command: string, now?: Date) => E.Either<LockRefused, DataDirLock>;
/** Who holds the lock now, if a live process does (for commands that may run beside a server). */
export declare const liveLockHolder: (dataDir: string) => LockHolder | undefined;
export {};
