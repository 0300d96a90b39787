import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ROTATION_UNITS } from "../../projections/due-keys.js";
import { JOB_NAMES } from "./job.js";
// The scheduler's status, as the server writes it into the data dir after every run and `keyledger jobs status`
// reads it: another process, so a file, replaced atomically (write a temporary file, fsync, rename).
export const STATUS_FILE = 'scheduler-status.json';
export const statusFilePath = (dataDir) => join(dataDir, STATUS_FILE);
const Nullable = (c) => t.union([c, t.null]);
const JobNameCodec = t.keyof(Object.fromEntries(JOB_NAMES.map((n) => [n, null])));
export const JobReportCodec = t.type({
    job: JobNameCodec,
    runId: t.string,
    startedAt: t.string,
    finishedAt: t.string,
    done: t.array(t.type({ keyId: t.string, what: t.string })),
    unchanged: t.array(t.string),
    failed: t.array(t.type({ keyId: t.string, code: t.string, message: t.string })),
});
export const JobStatusCodec = t.type({
    job: JobNameCodec,
    schedule: t.string,
    /** From node-cron's getNextRun(); null while stopped. */
    nextRun: Nullable(t.string),
    runs: t.number,
    lastRun: Nullable(JobReportCodec),
    /** A run that failed as a whole (e.g. the store was unreachable), not a key that failed within a run. */
    lastError: Nullable(t.type({ at: t.string, message: t.string })),
});
export const SchedulerStatusCodec = t.type({
    version: t.literal(1),
    /** Which server process wrote it: with several nodes, the last writer's view. */
    node: t.string,
    running: t.boolean,
    updatedAt: t.string,
    rotationUnit: t.keyof(Object.fromEntries(ROTATION_UNITS.map((u) => [u, null]))),
    jobs: t.array(JobStatusCodec),
});
export const writeStatusFile = async (path, status) => {
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    // Owner-only like the data dir's other files (adapters/private-file.ts): key ids and failure texts are nobody
    // else's. chmod as well: the umask can only remove bits, so say the intent explicitly.
    const f = await open(tmp, 'wx', 0o600);
    try {
        await f.chmod(0o600);
        await f.writeFile(JSON.stringify(status, null, 2) + '\n');
        await f.sync();
    }
    finally {
        await f.close();
    }
    try {
        await rename(tmp, path);
    }
    catch (e) {
        await unlink(tmp).catch(() => undefined);
        throw e;
    }
};
export const readStatusFile = async (path) => {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return { kind: 'missing' };
        return { kind: 'invalid', why: e.message };
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return { kind: 'invalid', why: 'not JSON' };
    }
    const d = SchedulerStatusCodec.decode(json);
    return E.isRight(d) ? { kind: 'ok', status: d.right } : { kind: 'invalid', why: 'unexpected shape' };
};
