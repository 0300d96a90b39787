import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../domain/errors.ts';
import type { RotationUnit } from '../../projections/due-keys.ts';
import { type JobDeps, type JobName, type JobReport } from './job.ts';
import { type SchedulerStatus } from './job-status.ts';
export declare const DEFAULT_SCHEDULE = "* * * * *";
/**
 * Per-job defaults where every minute is too often: the shredding reconciliation lists every executor's material
 * (a token search over all objects), and what it repairs is rare (a failed destroy), so every 15 minutes.
 */
export declare const DEFAULT_SCHEDULES: Partial<Record<JobName, string>>;
export declare const JOBS: Readonly<Record<JobName, (deps: JobDeps) => Promise<JobReport>>>;
export interface SchedulerOptions {
    readonly deps: JobDeps;
    /** node-cron expressions per job (5 or 6 fields); every minute by default. */
    readonly schedules?: Partial<Record<JobName, string>>;
    readonly timezone?: string;
    /** Where to write the status after every run (for `keyledger jobs status`); nowhere when absent. */
    readonly statusFile?: string;
    /** Only reported in the status, so an operator sees a test/demo unit at once. */
    readonly rotationUnit?: RotationUnit;
}
/**
 * The jobs as node-cron 4 tasks. `noOverlap` keeps a slow run from starting its job twice in one process;
 * across processes, safety comes from `decide` and the store's expected revisions, not from any lock.
 */
export declare class Scheduler {
    private readonly options;
    private readonly tasks;
    private readonly records;
    private writing;
    private writePending;
    private readonly inFlight;
    private readonly node;
    private constructor();
    static create(options: SchedulerOptions): E.Either<KmsError, Scheduler>;
    start(): Promise<void>;
    stop(): Promise<void>;
    /** One run of a job now (node-cron calls this; so can an operator tool). Never throws. */
    run(job: JobName): Promise<JobReport | null>;
    /** Starts one run now without waiting for it (`stop` waits): the start-up pass of a job. */
    runSoon(job: JobName): void;
    private track;
    status(): SchedulerStatus;
    /** Resolves when every status write asked for so far has reached the file. */
    flushed(): Promise<void>;
    private persist;
}
export declare const summary: (r: Pick<JobReport, "done" | "unchanged" | "failed">) => string;
