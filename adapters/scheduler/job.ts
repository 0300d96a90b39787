import * as E from 'fp-ts/lib/Either.js'
import { faultCause, internalFailure, type KmsError } from '../../domain/errors.ts'
import type { Clock } from '../../domain/ports/clock.ts'
import type { IdGenerator } from '../../domain/ports/ids.ts'
import type { CommandContext } from '../../domain/kernel/context.ts'
import type { KeyService } from '../../application/key-service.ts'
import type { DueKey, DueKeysView } from '../../projections/due-keys.ts'
import type { DueKeysSource } from './due-keys-feed.ts'
import type { ExpiredImportTokens, MaterialShredder } from '../../domain/ports/key-material.ts'
import type { AuditCheckpointer } from './checkpoint-audit-log.ts'
import type { LeadTime } from '../../domain/values/lead-time.ts'

export const JOB_NAMES = ['rotateDueKeys', 'deleteExpiredPendingKeys', 'expireImportedMaterial', 'shredDeletedMaterial', 'checkpointAuditLog'] as const
export type JobName = (typeof JOB_NAMES)[number]

/** The pino methods the scheduler uses (a pino Logger fits). */
export interface SchedulerLog {
  debug(obj: object, msg: string): void
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface JobDeps {
  readonly keys: KeyService
  readonly dueKeys: DueKeysSource
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly log: SchedulerLog
  /** The executors, for the shredding reconciliation; without it that job finds nothing to do. */
  readonly shredder?: MaterialShredder
  /** The vault's expired import tokens, dropped by the expiry job (else only the next GetParametersForImport would). */
  readonly importTokens?: ExpiredImportTokens
  /** The verifiable log's checkpoints (adapters/audit/audit-log.ts); without it that job does not run. */
  readonly checkpoints?: AuditCheckpointer
  /** Lead times of the deletion reminders (docs/key-events.md "Deletion reminders"); none: no reminders. */
  readonly deletionReminders?: readonly LeadTime[]
}

/** What one run did. Ids and codes only: never material, never plaintext. */
export interface JobReport {
  readonly job: JobName
  readonly runId: string
  readonly startedAt: string
  readonly finishedAt: string
  /** Keys the run changed, and how. */
  readonly done: readonly { readonly keyId: string; readonly what: string }[]
  /** Keys the view showed as due that needed nothing: another scheduler acted first, or the key changed. */
  readonly unchanged: readonly string[]
  readonly failed: readonly { readonly keyId: string; readonly code: string; readonly message: string }[]
}

export type Outcome =
  | { readonly kind: 'done'; readonly what: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'failed'; readonly error: KmsError }

/** The scheduler acts as a service principal of the key's own account, so its events say who did them. */
export const SCHEDULER_SERVICE = 'keyledger-scheduler'
export const schedulerPrincipal = (accountId: string): string => `acs:ram::${accountId}:service/${SCHEDULER_SERVICE}`

/** Every event of one run carries the run id as request id (and so as correlation id). */
export const jobContext = (accountId: string, runId: string, now: Date): CommandContext =>
  ({ principal: schedulerPrincipal(accountId), requestId: runId, now, userAgent: SCHEDULER_SERVICE })

export const failedWith = (error: KmsError): Outcome => ({ kind: 'failed', error })
export const fromEither = <A>(r: E.Either<KmsError, A>, then: (a: A) => Outcome): Outcome => (E.isLeft(r) ? failedWith(r.left) : then(r.right))

/**
 * One run of a job: catch up, pick the due keys, act on each with the clock's time at that moment. A failure on
 * one key (a value or a thrown infrastructure error) is recorded and the run goes on with the next key.
 */
export const runOverDueKeys = async (
  job: JobName,
  deps: JobDeps,
  pick: (view: DueKeysView, now: Date) => DueKey[],
  act: (key: DueKey, ctx: CommandContext) => Promise<Outcome>
): Promise<JobReport> => {
  const runId = deps.ids.requestId()
  const startedAt = deps.clock.now().toISOString()
  await deps.dueKeys.catchUp()
  const done: { keyId: string; what: string }[] = []
  const unchanged: string[] = []
  const failed: { keyId: string; code: string; message: string }[] = []
  for (const key of pick(deps.dueKeys.view(), deps.clock.now())) {
    let outcome: Outcome
    try {
      outcome = await act(key, jobContext(key.accountId, runId, deps.clock.now()))
    } catch (e) {
      outcome = failedWith(internalFailure(faultCause(e)))
    }
    if (outcome.kind === 'done') done.push({ keyId: key.keyId, what: outcome.what })
    else if (outcome.kind === 'unchanged') unchanged.push(key.keyId)
    else {
      failed.push({ keyId: key.keyId, code: outcome.error.code, message: outcome.error.message })
      deps.log.warn({ job, runId, keyId: key.keyId, code: outcome.error.code, message: outcome.error.message }, 'scheduler: key not processed')
    }
  }
  return { job, runId, startedAt, finishedAt: deps.clock.now().toISOString(), done, unchanged, failed }
}
