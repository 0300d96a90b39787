import type { JobDeps, JobReport } from './job.ts'

/** What the checkpoint job needs (adapters/audit/audit-log.ts). */
export interface AuditCheckpointer {
  /** `repushed`: no new checkpoint, the kept one pushed again to the witnesses that had not taken it. */
  scheduled(now: Date): Promise<{ checkpoint: { size: number }; witnessed: ReadonlyArray<{ witness: string; error?: string }>; repushed?: true } | 'unchanged'>
}

/** Names the log in job reports, whose entries are per key. */
export const AUDIT_LOG_SUBJECT = 'audit-log'

/**
 * Signs a checkpoint of the log when it grew since the last one (docs/verifiable-log.md), keeps it in the data
 * dir and pushes it to the witnesses; a witness that cannot be reached is a failure of the run, retried next time.
 */
export const checkpointAuditLog = async (deps: JobDeps): Promise<JobReport> => {
  const runId = deps.ids.requestId()
  const startedAt = deps.clock.now().toISOString()
  const r = deps.checkpoints ? await deps.checkpoints.scheduled(deps.clock.now()) : 'unchanged'
  const failed = r === 'unchanged' ? [] : r.witnessed.filter((w) => w.error).map((w) => ({ keyId: AUDIT_LOG_SUBJECT, code: 'Witness.Unreachable', message: `${w.witness}: ${w.error}` }))
  return {
    job: 'checkpointAuditLog', runId, startedAt, finishedAt: deps.clock.now().toISOString(),
    done: r === 'unchanged' ? [] : !r.repushed ? [{ keyId: AUDIT_LOG_SUBJECT, what: `checkpoint of ${r.checkpoint.size} events` }]
      : r.witnessed.filter((w) => !w.error).map((w) => ({ keyId: AUDIT_LOG_SUBJECT, what: `checkpoint of ${r.checkpoint.size} events pushed again to ${w.witness}` })),
    // A log that did not grow is nothing due, not a due item another node handled: an idle run, logged at debug
    // like the other jobs' (issue 19 #6; it was "0 done, 1 unchanged" at info every 5 minutes).
    unchanged: [],
    failed,
  }
}
