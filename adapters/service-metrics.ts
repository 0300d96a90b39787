import { Counter, Gauge, Histogram, Registry } from 'prom-client'

// The service's own metrics beside the API's (adapters/http/metrics.ts; issue 13 item 9; docs/operations.md "Logs
// and metrics"): the event store's commit time, how far each read model is behind the store, the scheduler's runs
// and the compliance reports' durations. Labels are job, outcome, view and report names: never a key id. Each is
// fed by a callback the composition root wires (composition/engine.ts), one observation per commit, run or report.

export type JobOutcome = 'ok' | 'partial' | 'failed'

export class ServiceMetrics {
  readonly registry = new Registry()
  private readonly commits = new Histogram({
    name: 'keyledger_event_store_commit_seconds', help: 'Time of the event store\'s COMMIT (the fsync) per writer transaction, SQLite store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [this.registry],
  })
  private readonly runs = new Counter({
    name: 'keyledger_scheduler_runs_total', help: 'Scheduler job runs, by job and outcome (ok; partial: some keys failed; failed: the run failed)',
    labelNames: ['job', 'outcome'] as const, registers: [this.registry],
  })
  private readonly reports = new Histogram({
    name: 'keyledger_report_duration_seconds', help: 'Time to build a GetComplianceReport answer, by report',
    labelNames: ['report'] as const, buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300], registers: [this.registry],
  })

  /** `lag` gives each read model's distance to the store's head, in events; read when scraped. */
  constructor(lag?: () => Promise<ReadonlyMap<string, number>>) {
    new Gauge({
      name: 'keyledger_view_lag_events', help: 'Events between the event store\'s head and each read model\'s checkpoint',
      labelNames: ['view'] as const, registers: [this.registry],
      async collect() {
        this.reset()
        for (const [view, behind] of (await lag?.()) ?? []) this.set({ view }, behind)
      },
    })
  }

  commit(seconds: number): void {
    this.commits.observe(seconds)
  }

  schedulerRun(job: string, outcome: JobOutcome): void {
    this.runs.inc({ job, outcome })
  }

  report(name: string, seconds: number): void {
    this.reports.observe({ report: name }, seconds)
  }
}
