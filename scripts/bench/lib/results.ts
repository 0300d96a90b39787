// The shape of bench/results.json and of the one table `npm run bench` prints. Bump RESULTS_VERSION when a
// field changes meaning; spec/scripts/bench checks a run's file against this shape.

export const RESULTS_VERSION = 1

/** One side of a row: throughput with its latency at the benchmark's concurrency. */
export interface Measure {
  readonly label: string
  /** req/s for HTTP, ops/s for in-process baselines and micro-benchmarks. */
  readonly perSec: number
  readonly p50Ms: number | null
  readonly p99Ms: number | null
  /** Answers that were not 2xx, socket errors and timeouts (HTTP only). */
  readonly failed?: number
}

export interface Row {
  readonly section: string
  readonly name: string
  /** What `perSec` counts: req/s, ops/s, appends/s, events/s, queries/s, or MiB for the memory row. */
  readonly unit: string
  readonly subject: Measure
  readonly baseline: Measure | null
  /** subject ÷ baseline (throughput), or null without a baseline. */
  readonly ratio: number | null
  /** The goal as a ratio ("≥ 0.5"), when the project has one. */
  readonly target: string | null
  readonly note?: string
}

export interface Machine {
  readonly cpuModel: string
  readonly cores: number
  readonly node: string
  readonly platform: string
  readonly loadAverageAtStart: [number, number, number]
  readonly pinning: string
}

export interface FlatCost {
  readonly historyEvents: number
  readonly quick: boolean
  readonly build: { readonly how: string; readonly seconds: number; readonly eventsPerSecond: number }
  readonly startSeconds: { readonly fresh: number; readonly history: number }
  readonly rssMiB: { readonly fresh: number; readonly history: number; readonly ratio: number }
  readonly reqPerSec: { readonly fresh: number; readonly history: number; readonly ratio: number }
}

export interface Results {
  readonly version: number
  readonly startedAt: string
  readonly finishedAt: string
  readonly command: string
  readonly quick: boolean
  readonly machine: Machine
  readonly settings: { readonly connections: number; readonly seconds: number; readonly rounds: number; readonly plaintextBytes: number; readonly serveArgs: readonly string[] }
  readonly rows: readonly Row[]
  readonly flat: FlatCost | null
  readonly compare: { readonly url: string; readonly rows: readonly Row[] } | null
  readonly profile: string | null
  readonly logs: string
}

export const ratioOf = (subject: number, baseline: number | undefined): number | null =>
  baseline && baseline > 0 ? subject / baseline : null

/** For micro-benchmark scripts run as children: their rows go to the file named by BENCH_ROWS_FILE, if any. */
export const emitRows = async (rows: readonly Row[]): Promise<void> => {
  const file = process.env['BENCH_ROWS_FILE']
  if (!file) return
  const { writeFileSync } = await import('node:fs')
  writeFileSync(file, JSON.stringify(rows))
}
