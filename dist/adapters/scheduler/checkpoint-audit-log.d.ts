import type { JobDeps, JobReport } from './job.ts';
/** What the checkpoint job needs (adapters/audit/audit-log.ts). */
export interface AuditCheckpointer {
    scheduled(now: Date): Promise<{
        checkpoint: {
            size: number;
        };
        witnessed: ReadonlyArray<{
            witness: string;
            error?: string;
        }>;
    } | 'unchanged'>;
}
/** Names the log in job reports, whose entries are per key. */
export declare const AUDIT_LOG_SUBJECT = "audit-log";
/**
 * Signs a checkpoint of the log when it grew since the last one (docs/verifiable-log.md), keeps it in the data
 * dir and pushes it to the witnesses; a witness that cannot be reached is a failure of the run, retried next time.
 */
export declare const checkpointAuditLog: (deps: JobDeps) => Promise<JobReport>;
