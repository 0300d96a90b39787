import * as E from 'fp-ts/lib/Either.js';
import type { KmsError } from '../domain/errors.ts';
import type { Clock } from '../domain/ports/clock.ts';
import type { EventStore } from '../domain/ports/event-store.ts';
import type { IdGenerator } from '../domain/ports/ids.ts';
import type { RotationUnit } from '../projections/due-keys.ts';
import { DueKeysFeed } from '../adapters/scheduler/due-keys-feed.ts';
import type { JobName, SchedulerLog } from '../adapters/scheduler/job.ts';
import type { ExpiredImportTokens, KeyMaterialLifecycle, MaterialShredder } from '../domain/ports/key-material.ts';
import { Scheduler } from '../adapters/scheduler/scheduler.ts';
import type { AuditCheckpointer } from '../adapters/scheduler/checkpoint-audit-log.ts';
export interface SchedulerConfig {
    readonly store: EventStore;
    readonly ids: IdGenerator;
    /** The crypto router: makes material for rotated versions and destroys it on deletion. */
    readonly material?: KeyMaterialLifecycle;
    /** The executors, for the crypto-shredding reconciliation (the crypto router). */
    readonly shredder?: MaterialShredder;
    /** The vault, whose expired import tokens the expiry job drops. */
    readonly importTokens?: ExpiredImportTokens;
    /** Signs the log's checkpoints (every 5 minutes by default; schedules.checkpointAuditLog). */
    readonly checkpoints?: AuditCheckpointer;
    readonly log: SchedulerLog;
    /** The status file `keyledger jobs status` reads goes here. */
    readonly dataDir: string;
    readonly clock?: Clock;
    /** Cron expressions per job; every minute by default. */
    readonly schedules?: Partial<Record<JobName, string>>;
    readonly timezone?: string;
    /** TESTS AND DEMOS ONLY (KMS_ROTATION_UNIT): `day`, the default, is the real behaviour. */
    readonly rotationUnit?: RotationUnit;
}
export interface RunningScheduler {
    readonly scheduler: Scheduler;
    readonly dueKeys: DueKeysFeed;
    /** Stops the tasks (a run in progress finishes its current command), the feed, and flushes the status file. */
    stop(): Promise<void>;
}
/** Wires the scheduler for the composition root: the due-keys feed, a key service, the cron tasks, the status file. */
export declare const startScheduler: (config: SchedulerConfig) => Promise<E.Either<KmsError, RunningScheduler>>;
