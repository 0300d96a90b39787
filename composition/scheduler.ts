import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../domain/errors.ts'
import type { Clock } from '../domain/ports/clock.ts'
import { systemClock } from '../adapters/clock.ts'
import type { EventStore } from '../domain/ports/event-store.ts'
import type { IdGenerator } from '../domain/ports/ids.ts'
import { KeyService } from '../application/key-service.ts'
import type { RotationUnit } from '../projections/due-keys.ts'
import { DueKeysFeed } from '../adapters/scheduler/due-keys-feed.ts'
import type { JobName, SchedulerLog } from '../adapters/scheduler/job.ts'
import type { ExpiredImportTokens, KeyMaterialLifecycle, MaterialShredder } from '../domain/ports/key-material.ts'
import { statusFilePath } from '../adapters/scheduler/job-status.ts'
import { keyRulesFor } from '../adapters/scheduler/rotation-unit.ts'
import { Scheduler, type SchedulerOptions } from '../adapters/scheduler/scheduler.ts'
import { parseLeadTime, type LeadTime } from '../domain/values/lead-time.ts'
import type { AuditCheckpointer } from '../adapters/scheduler/checkpoint-audit-log.ts'

export interface SchedulerConfig {
  readonly store: EventStore
  readonly ids: IdGenerator
  /** The crypto router: makes material for rotated versions and destroys it on deletion. */
  readonly material?: KeyMaterialLifecycle
  /** The executors, for the crypto-shredding reconciliation (the crypto router). */
  readonly shredder?: MaterialShredder
  /** The vault, whose expired import tokens the expiry job drops. */
  readonly importTokens?: ExpiredImportTokens
  /** Signs the log's checkpoints (every 5 minutes by default; schedules.checkpointAuditLog). */
  readonly checkpoints?: AuditCheckpointer
  readonly log: SchedulerLog
  /** The status file `keyledger jobs status` reads goes here. */
  readonly dataDir: string
  readonly clock?: Clock
  /** Cron expressions per job; every minute by default. */
  readonly schedules?: Partial<Record<JobName, string>>
  readonly timezone?: string
  /** TESTS AND DEMOS ONLY (KMS_ROTATION_UNIT): `day`, the default, is the real behaviour. */
  readonly rotationUnit?: RotationUnit
  /** Each run's outcome, for /metrics (adapters/service-metrics.ts). */
  readonly onRun?: SchedulerOptions['onRun']
  /** Lead times of the deletion reminders, as configured (`scheduler.deletionReminders`); default P7D and P1D. */
  readonly deletionReminders?: readonly string[]
}

/** Lead times of the deletion reminders when the configuration names none (docs/config.md). */
export const DEFAULT_DELETION_REMINDERS: readonly string[] = ['P7D', 'P1D']

/** The configured lead times, parsed (a bad one refuses the start, naming it); `[]` turns reminders off. */
export const deletionRemindersOf = (configured: readonly string[] = DEFAULT_DELETION_REMINDERS): E.Either<KmsError, LeadTime[]> =>
  E.sequenceArray(configured.map((text) => parseLeadTime(text, 'scheduler.deletionReminders'))) as E.Either<KmsError, LeadTime[]>

export interface RunningScheduler {
  readonly scheduler: Scheduler
  readonly dueKeys: DueKeysFeed
  /** Stops the tasks (a run in progress finishes its current command), the feed, and flushes the status file. */
  stop(): Promise<void>
}

/** Wires the scheduler for the composition root: the due-keys feed, a key service, the cron tasks, the status file. */
export const startScheduler = async (config: SchedulerConfig): Promise<E.Either<KmsError, RunningScheduler>> => {
  const rotationUnit = config.rotationUnit ?? 'day'
  const reminders = deletionRemindersOf(config.deletionReminders)
  if (E.isLeft(reminders)) return reminders
  const clock = config.clock ?? systemClock
  // The scheduler's own key service: the same store, ids and material, with the rotation unit's rules.
  const keys = new KeyService(config.store, config.ids, config.material, keyRulesFor(rotationUnit))
  const dueKeys = DueKeysFeed.start(config.store, { rotationUnit, log: config.log })
  const created = Scheduler.create({
    deps: { keys, dueKeys, clock, ids: config.ids, log: config.log, ...(config.shredder ? { shredder: config.shredder } : {}), ...(config.importTokens ? { importTokens: config.importTokens } : {}), ...(config.checkpoints ? { checkpoints: config.checkpoints } : {}), deletionReminders: reminders.right },
    schedules: config.schedules, timezone: config.timezone, rotationUnit, statusFile: statusFilePath(config.dataDir),
    ...(config.onRun ? { onRun: config.onRun } : {}),
  })
  if (E.isLeft(created)) {
    await dueKeys.stop()
    return created
  }
  if (rotationUnit !== 'day')
    config.log.warn({ rotationUnit }, `scheduler: rotation intervals count ${rotationUnit}s instead of days (KMS_ROTATION_UNIT): for tests and demos only, never in production`)
  const scheduler = created.right
  await scheduler.start()
  // Material a crash or a failed destroy left behind is shredded at start, not only at the first tick.
  if (config.shredder) scheduler.runSoon('shredDeletedMaterial')
  return E.right({
    scheduler, dueKeys,
    stop: async () => {
      await scheduler.stop()
      await dueKeys.stop()
    },
  })
}
