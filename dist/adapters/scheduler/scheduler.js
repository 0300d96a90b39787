import * as E from 'fp-ts/lib/Either.js';
import { hostname } from 'node:os';
import cron from 'node-cron';
import { invalidParameter } from "../../domain/errors.js";
import { deleteExpiredPendingKeys } from "./delete-expired-pending-keys.js";
import { expireImportedMaterial } from "./expire-imported-material.js";
import { JOB_NAMES } from "./job.js";
import { writeStatusFile } from "./job-status.js";
import { rotateDueKeys } from "./rotate-due-keys.js";
import { shredDeletedMaterial } from "./shred-deleted-material.js";
import { checkpointAuditLog } from "./checkpoint-audit-log.js";
export const DEFAULT_SCHEDULE = '* * * * *';
/**
 * Per-job defaults where every minute is too often: the shredding reconciliation lists every executor's material
 * (a token search over all objects), and what it repairs is rare (a failed destroy), so every 15 minutes.
 */
export const DEFAULT_SCHEDULES = { shredDeletedMaterial: '*/15 * * * *', checkpointAuditLog: '*/5 * * * *' };
const defaultScheduleOf = (job) => DEFAULT_SCHEDULES[job] ?? DEFAULT_SCHEDULE;
export const JOBS = {
    rotateDueKeys, deleteExpiredPendingKeys, expireImportedMaterial, shredDeletedMaterial, checkpointAuditLog,
};
const cronLogger = (log) => {
    const text = (m) => (m instanceof Error ? m.message : m);
    return {
        info: (m) => log.info({ component: 'node-cron' }, m),
        warn: (m) => log.warn({ component: 'node-cron' }, m),
        error: (m, err) => log.error({ component: 'node-cron', err: err?.message }, text(m)),
        debug: () => undefined,
    };
};
/**
 * The jobs as node-cron 4 tasks. `noOverlap` keeps a slow run from starting its job twice in one process;
 * across processes, safety comes from `decide` and the store's expected revisions, not from any lock.
 */
export class Scheduler {
    options;
    tasks = new Map();
    records;
    writing = Promise.resolve();
    writePending = false;
    inFlight = new Set();
    node = `${hostname()}:${process.pid}`;
    constructor(options) {
        this.options = options;
        this.records = new Map(JOB_NAMES.map((job) => [job, { schedule: options.schedules?.[job] ?? defaultScheduleOf(job), runs: 0, lastRun: null, lastError: null }]));
    }
    static create(options) {
        for (const job of JOB_NAMES) {
            const expr = options.schedules?.[job] ?? defaultScheduleOf(job);
            if (!cron.validate(expr))
                return E.left(invalidParameter(`schedule of ${job}`, `"${expr}" is not a cron expression`));
        }
        return E.right(new Scheduler(options));
    }
    async start() {
        if (this.tasks.size > 0)
            return;
        for (const [job, record] of this.records) {
            if (job === 'shredDeletedMaterial' && !this.options.deps.shredder)
                continue; // no executors to reconcile
            if (job === 'checkpointAuditLog' && !this.options.deps.checkpoints)
                continue;
            const task = cron.createTask(record.schedule, () => this.track(this.run(job)), {
                name: `keyledger-${job}`, noOverlap: true, timezone: this.options.timezone, logger: cronLogger(this.options.deps.log),
            });
            this.tasks.set(job, task);
            await task.start();
        }
        this.options.deps.log.info({ jobs: this.status().jobs.map((j) => ({ job: j.job, schedule: j.schedule, nextRun: j.nextRun })) }, 'scheduler started');
        this.persist();
    }
    async stop() {
        for (const task of this.tasks.values()) {
            await task.stop();
            await task.destroy();
        }
        this.tasks.clear();
        await Promise.all([...this.inFlight]); // a run in progress finishes; no new one starts
        this.persist();
        await this.flushed();
    }
    /** One run of a job now (node-cron calls this; so can an operator tool). Never throws. */
    async run(job) {
        const record = this.records.get(job);
        const { deps } = this.options;
        record.runs++;
        try {
            const report = await JOBS[job](deps);
            record.lastRun = report;
            // A run that changed nothing is the normal case, several times a minute: debug, so real events stay in view.
            const idle = report.done.length === 0 && report.failed.length === 0 && report.unchanged.length === 0;
            deps.log[idle ? 'debug' : 'info']({ job, runId: report.runId, done: report.done, unchanged: report.unchanged.length, failed: report.failed }, `scheduler: ${job} ${summary(report)}`);
            return report;
        }
        catch (e) {
            record.lastError = { at: deps.clock.now().toISOString(), message: e instanceof Error ? e.message : String(e) };
            deps.log.error({ job, code: 'Scheduler.RunFailed', err: record.lastError.message }, `Scheduler.RunFailed: scheduler: ${job} run failed (${record.lastError.message}). It runs again on schedule; check the event store is reachable (keyledger jobs status)`);
            return null;
        }
        finally {
            this.persist();
        }
    }
    /** Starts one run now without waiting for it (`stop` waits): the start-up pass of a job. */
    runSoon(job) {
        void this.track(this.run(job));
    }
    track(p) {
        this.inFlight.add(p);
        return p.finally(() => this.inFlight.delete(p));
    }
    status() {
        const jobs = [...this.records].map(([job, r]) => ({
            job, schedule: r.schedule, nextRun: this.tasks.get(job)?.getNextRun()?.toISOString() ?? null,
            runs: r.runs, lastRun: r.lastRun ? { ...r.lastRun, done: [...r.lastRun.done], unchanged: [...r.lastRun.unchanged], failed: [...r.lastRun.failed] } : null,
            lastError: r.lastError,
        }));
        return {
            version: 1, node: this.node, running: this.tasks.size > 0, updatedAt: this.options.deps.clock.now().toISOString(),
            rotationUnit: this.options.rotationUnit ?? 'day', jobs,
        };
    }
    /** Resolves when every status write asked for so far has reached the file. */
    flushed() {
        return this.writing;
    }
    persist() {
        const path = this.options.statusFile;
        if (!path)
            return;
        // Writes are chained so an older snapshot never replaces a newer one; each takes the status when it begins,
        // so requests made while one waits are served by it (coalesced), however fast runs follow each other.
        if (this.writePending)
            return;
        this.writePending = true;
        this.writing = this.writing
            .then(() => {
            this.writePending = false;
            return writeStatusFile(path, this.status());
        })
            .catch((e) => this.options.deps.log.warn({ path, err: e instanceof Error ? e.message : String(e) }, 'scheduler: status file not written'));
    }
}
export const summary = (r) => {
    const parts = [`${r.done.length} done`];
    if (r.unchanged.length)
        parts.push(`${r.unchanged.length} unchanged`);
    if (r.failed.length)
        parts.push(`${r.failed.length} failed`);
    return parts.join(', ');
};
