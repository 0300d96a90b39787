import * as t from 'io-ts';
import { type RotationUnit } from '../../projections/due-keys.ts';
export declare const STATUS_FILE = "scheduler-status.json";
export declare const statusFilePath: (dataDir: string) => string;
export declare const JobReportCodec: t.TypeC<{
    job: t.KeyofC<Record<"rotateDueKeys" | "deleteExpiredPendingKeys" | "expireImportedMaterial" | "shredDeletedMaterial" | "checkpointAuditLog", null>>;
    runId: t.StringC;
    startedAt: t.StringC;
    finishedAt: t.StringC;
    done: t.ArrayC<t.TypeC<{
        keyId: t.StringC;
        what: t.StringC;
    }>>;
    unchanged: t.ArrayC<t.StringC>;
    failed: t.ArrayC<t.TypeC<{
        keyId: t.StringC;
        code: t.StringC;
        message: t.StringC;
    }>>;
}>;
export declare const JobStatusCodec: t.TypeC<{
    job: t.KeyofC<Record<"rotateDueKeys" | "deleteExpiredPendingKeys" | "expireImportedMaterial" | "shredDeletedMaterial" | "checkpointAuditLog", null>>;
    schedule: t.StringC;
    /** From node-cron's getNextRun(); null while stopped. */
    nextRun: t.UnionC<[t.StringC, t.NullC]>;
    runs: t.NumberC;
    lastRun: t.UnionC<[t.TypeC<{
        job: t.KeyofC<Record<"rotateDueKeys" | "deleteExpiredPendingKeys" | "expireImportedMaterial" | "shredDeletedMaterial" | "checkpointAuditLog", null>>;
        runId: t.StringC;
        startedAt: t.StringC;
        finishedAt: t.StringC;
        done: t.ArrayC<t.TypeC<{
            keyId: t.StringC;
            what: t.StringC;
        }>>;
        unchanged: t.ArrayC<t.StringC>;
        failed: t.ArrayC<t.TypeC<{
            keyId: t.StringC;
            code: t.StringC;
            message: t.StringC;
        }>>;
    }>, t.NullC]>;
    /** A run that failed as a whole (e.g. the store was unreachable), not a key that failed within a run. */
    lastError: t.UnionC<[t.TypeC<{
        at: t.StringC;
        message: t.StringC;
    }>, t.NullC]>;
}>;
export type JobStatus = t.TypeOf<typeof JobStatusCodec>;
export declare const SchedulerStatusCodec: t.TypeC<{
    version: t.LiteralC<1>;
    /** Which server process wrote it: with several nodes, the last writer's view. */
    node: t.StringC;
    running: t.BooleanC;
    updatedAt: t.StringC;
    rotationUnit: t.KeyofC<Record<RotationUnit, null>>;
    jobs: t.ArrayC<t.TypeC<{
        job: t.KeyofC<Record<"rotateDueKeys" | "deleteExpiredPendingKeys" | "expireImportedMaterial" | "shredDeletedMaterial" | "checkpointAuditLog", null>>;
        schedule: t.StringC;
        /** From node-cron's getNextRun(); null while stopped. */
        nextRun: t.UnionC<[t.StringC, t.NullC]>;
        runs: t.NumberC;
        lastRun: t.UnionC<[t.TypeC<{
            job: t.KeyofC<Record<"rotateDueKeys" | "deleteExpiredPendingKeys" | "expireImportedMaterial" | "shredDeletedMaterial" | "checkpointAuditLog", null>>;
            runId: t.StringC;
            startedAt: t.StringC;
            finishedAt: t.StringC;
            done: t.ArrayC<t.TypeC<{
                keyId: t.StringC;
                what: t.StringC;
            }>>;
            unchanged: t.ArrayC<t.StringC>;
            failed: t.ArrayC<t.TypeC<{
                keyId: t.StringC;
                code: t.StringC;
                message: t.StringC;
            }>>;
        }>, t.NullC]>;
        /** A run that failed as a whole (e.g. the store was unreachable), not a key that failed within a run. */
        lastError: t.UnionC<[t.TypeC<{
            at: t.StringC;
            message: t.StringC;
        }>, t.NullC]>;
    }>>;
}>;
export type SchedulerStatus = t.TypeOf<typeof SchedulerStatusCodec>;
export declare const writeStatusFile: (path: string, status: SchedulerStatus) => Promise<void>;
export type StatusRead = {
    kind: 'ok';
    status: SchedulerStatus;
} | {
    kind: 'missing';
} | {
    kind: 'invalid';
    why: string;
};
export declare const readStatusFile: (path: string) => Promise<StatusRead>;
