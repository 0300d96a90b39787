import * as E from 'fp-ts/lib/Either.js'
import { hostname } from 'node:os'
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron'
import { invalidParameter, type KmsError } from '../../domain/errors.ts'
import type { RotationUnit } from '../../projections/due-keys.ts'
import { deleteExpiredPendingKeys } from './delete-expired-pending-keys.ts'
import { expireImportedMaterial } from './expire-imported-material.ts'
import { JOB_NAMES, type JobDeps, type JobName, type JobReport, type SchedulerLog } from './job.ts'
import { writeStatusFile, type JobStatus, type SchedulerStatus } from './job-status.ts'
import { rotateDueKeys } from './rotate-due-keys.ts'
import { shredDeletedMaterial } from './shred-deleted-material.ts'
import { checkpointAuditLog } from './checkpoint-audit-log.ts'

export const DEFAULT_SCHEDULE = '* * * * *'
/**
 * Per-job defaults where every minute is too often: the shredding reconciliation lists every executor's material
 * (a token search over all objects), and what it repairs is rare (a failed destroy), so every 15 minutes.
 */
export const DEFAULT_SCHEDULES: Partial<Record<JobName, string>> = { shredDeletedMaterial: '*/15 * * * *', checkpointAuditLog: '*/5 * * * *' }
const defaultScheduleOf = (job: JobName): string => DEFAULT_SCHEDULES[job] ?? DEFAULT_SCHEDULE

export const JOBS: Readonly<Record<JobName, (deps: JobDeps) => Promise<JobReport>>> = {
  rotateDueKeys, deleteExpiredPendingKeys, expireImportedMaterial, shredDeletedMaterial, checkpointAuditLog,
}

export interface SchedulerOptions {
  readonly deps: JobDeps
  /** node-cron expressions per job (5 or 6 fields); every minute by default. */
  readonly schedules?: Partial<Record<JobName, string>>
  readonly timezone?: string
  /** Where to write the status after every run (for `keyledger jobs status`); nowhere when absent. */
  readonly statusFile?: string
  /** Only reported in the status, so an operator sees a test/demo unit at once. */
  readonly rotationUnit?: RotationUnit
  /** Told each run's outcome (/metrics' scheduler counter): ok, partial (some keys failed) or failed (the run). */
  readonly onRun?: (job: JobName, outcome: 'ok' | 'partial' | 'failed') => void
}

interface JobRecord {
  readonly schedule: string
  runs: number
  lastRun: JobReport | null
  lastError: { at: string; message: string } | null
}

const cronLogger = (log: SchedulerLog): CronLogger => {
  const text = (m: string | Error): string => (m instanceof Error ? m.message : m)
  return {
    info: (m) => log.info({ component: 'node-cron' }, m),
    warn: (m) => log.warn({ component: 'node-cron' }, m),
    error: (m, err) => log.error({ component: 'node-cron', err: err?.message }, text(m)),
    debug: () => undefined,
  }
}

/**
 * The jobs as node-cron 4 tasks. `noOverlap` keeps a slow run from starting its job twice in one process;
 * across processes, safety comes from `decide` and the store's expected revisions, not from any lock.
 */
export class Scheduler {
  private readonly tasks = new Map<JobName, ScheduledTask>()
  private readonly records: Map<JobName, JobRecord>
  private writing: Promise<void> = Promise.resolve()
  private writePending = false
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly node = `${hostname()}:${process.pid}`

  private constructor(private readonly options: SchedulerOptions) {
    this.records = new Map(JOB_NAMES.map((job) => [job, { schedule: options.schedules?.[job] ?? defaultScheduleOf(job), runs: 0, lastRun: null, lastError: null }]))
  }

  static create(options: SchedulerOptions): E.Either<KmsError, Scheduler> {
    for (const job of JOB_NAMES) {
      const expr = options.schedules?.[job] ?? defaultScheduleOf(job)
      if (!cron.validate(expr)) return E.left(invalidParameter(`schedule of ${job}`, `"${expr}" is not a cron expression`))
    }
    return E.right(new Scheduler(options))
  }

  async start(): Promise<void> {
    if (this.tasks.size > 0) return
    for (const [job, record] of this.records) {
      if (job === 'shredDeletedMaterial' && !this.options.deps.shredder) continue // no executors to reconcile
      if (job === 'checkpointAuditLog' && !this.options.deps.checkpoints) continue
      const task = cron.createTask(record.schedule, () => this.track(this.run(job)), {
        name: `keyledger-${job}`, noOverlap: true, timezone: this.options.timezone, logger: cronLogger(this.options.deps.log),
      })
      this.tasks.set(job, task)
      await task.start()
    }
    this.options.deps.log.info({ jobs: this.status().jobs.map((j) => ({ job: j.job, schedule: j.schedule, nextRun: j.nextRun })) }, 'scheduler started')
    this.persist()
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.values()) {
      await task.stop()
      await task.destroy()
    }
    this.tasks.clear()
    await Promise.all([...this.inFlight]) // a run in progress finishes; no new one starts
    this.persist()
    await this.flushed()
  }

  /** One run of a job now (node-cron calls this; so can an operator tool). Never throws. */
  async run(job: JobName): Promise<JobReport | null> {
    const record = this.records.get(job)!
    const { deps } = this.options
    record.runs++
    try {
      const report = await JOBS[job](deps)
      record.lastRun = report
      this.options.onRun?.(job, report.failed.length === 0 ? 'ok' : 'partial')
      // A run that changed nothing is the normal case, several times a minute: debug, so real events stay in view.
      const idle = report.done.length === 0 && report.failed.length === 0 && report.unchanged.length === 0
      const fields = { job, runId: report.runId, done: report.done, unchanged: report.unchanged.length, failed: report.failed }
      const first = report.failed[0]
      // A failure is a warning line that starts with its code, says what failed and what to do (issue 19 #6).
      if (first) deps.log.warn({ ...fields, code: first.code },
        `${first.code}: scheduler: ${job} ${summary(report)}; first: ${first.keyId}: ${first.message}. It is tried again at the next run; keyledger jobs status names every failure`)
      else deps.log[idle ? 'debug' : 'info'](fields, `scheduler: ${job} ${summary(report)}`)
      return report
    } catch (e) {
      record.lastError = { at: deps.clock.now().toISOString(), message: e instanceof Error ? e.message : String(e) }
      this.options.onRun?.(job, 'failed')
      deps.log.error({ job, code: 'Scheduler.RunFailed', err: record.lastError.message },
        `Scheduler.RunFailed: scheduler: ${job} run failed (${record.lastError.message}). It runs again on schedule; check the event store is reachable (keyledger jobs status)`)
      return null
    } finally {
      this.persist()
    }
  }

  /** Starts one run now without waiting for it (`stop` waits): the start-up pass of a job. */
  runSoon(job: JobName): void {
    void this.track(this.run(job))
  }

  private track<A>(p: Promise<A>): Promise<A> {
    this.inFlight.add(p)
    return p.finally(() => this.inFlight.delete(p))
  }

  status(): SchedulerStatus {
    const jobs: JobStatus[] = [...this.records].map(([job, r]) => ({
      job, schedule: r.schedule, nextRun: this.tasks.get(job)?.getNextRun()?.toISOString() ?? null,
      runs: r.runs, lastRun: r.lastRun ? { ...r.lastRun, done: [...r.lastRun.done], unchanged: [...r.lastRun.unchanged], failed: [...r.lastRun.failed] } : null,
      lastError: r.lastError,
    }))
    return {
      version: 1, node: this.node, running: this.tasks.size > 0, updatedAt: this.options.deps.clock.now().toISOString(),
      rotationUnit: this.options.rotationUnit ?? 'day', jobs,
    }
  }

  /** Resolves when every status write asked for so far has reached the file. */
  flushed(): Promise<void> {
    return this.writing
  }

  private persist(): void {
    const path = this.options.statusFile
    if (!path) return
    // Writes are chained so an older snapshot never replaces a newer one; each takes the status when it begins,
    // so requests made while one waits are served by it (coalesced), however fast runs follow each other.
    if (this.writePending) return
    this.writePending = true
    this.writing = this.writing
      .then(() => {
        this.writePending = false
        return writeStatusFile(path, this.status())
      })
      .catch((e: unknown) => this.options.deps.log.warn({ path, err: e instanceof Error ? e.message : String(e) }, 'scheduler: status file not written'))
  }
}

export const summary = (r: Pick<JobReport, 'done' | 'unchanged' | 'failed'>): string => {
  const parts = [`${r.done.length} done`]
  if (r.unchanged.length) parts.push(`${r.unchanged.length} unchanged`)
  if (r.failed.length) parts.push(`${r.failed.length} failed`)
  return parts.join(', ')
}
