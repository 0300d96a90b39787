import * as t from 'io-ts'

// The shape of bench/results.json and of the one table `npm run bench` prints, as io-ts codecs: the file is read
// back by people's tools and by spec/scripts/bench. Bump RESULTS_VERSION when a field changes meaning.

export const RESULTS_VERSION = 1

const num = t.number
const nullableNum = t.union([t.number, t.null])

/** One side of a row: a rate with its latency at the benchmark's concurrency (null where there is none). */
export const Measure = t.intersection([
  t.type({ label: t.string, perSec: num, p50Ms: nullableNum, p99Ms: nullableNum }),
  /** Answers that were not 2xx, socket errors and timeouts (HTTP only). */
  t.partial({ failed: num }),
])
export type Measure = t.TypeOf<typeof Measure>

export const Row = t.intersection([
  t.type({
    section: t.string,
    name: t.string,
    /** What `perSec` counts: req/s, ops/s, appends/s, events/s, queries/s, or MiB for the memory row. */
    unit: t.string,
    subject: Measure,
    baseline: t.union([Measure, t.null]),
    /** subject ÷ baseline, or null without a baseline. */
    ratio: nullableNum,
    /** The goal for the ratio ("≥ 0.5"), where the project has one. */
    target: t.union([t.string, t.null]),
  }),
  t.partial({ note: t.string }),
])
export type Row = t.TypeOf<typeof Row>

export const Machine = t.type({
  cpuModel: t.string, cores: num, node: t.string, platform: t.string,
  loadAverageAtStart: t.tuple([num, num, num]), pinning: t.string,
})
export type Machine = t.TypeOf<typeof Machine>

const Pair = t.type({ fresh: num, history: num, ratio: num })
export const FlatCost = t.type({
  historyEvents: num,
  quick: t.boolean,
  /** foldSeconds: the first start after the bulk append, which folds the history into the read models. */
  build: t.intersection([t.type({ how: t.string, seconds: num, eventsPerSecond: num }), t.partial({ foldSeconds: num })]),
  /** Seconds from spawn to "listening on" (the history server: its restart after the fold). */
  startSeconds: t.type({ fresh: num, history: num }),
  rssMiB: Pair,
  reqPerSec: Pair,
})
export type FlatCost = t.TypeOf<typeof FlatCost>

export const Results = t.type({
  version: t.literal(RESULTS_VERSION),
  startedAt: t.string,
  finishedAt: t.string,
  command: t.string,
  quick: t.boolean,
  machine: Machine,
  settings: t.type({ connections: num, seconds: num, rounds: num, plaintextBytes: num, serveArgs: t.array(t.string) }),
  rows: t.array(Row),
  flat: t.union([FlatCost, t.null]),
  compare: t.union([t.type({ url: t.string, rows: t.array(Row) }), t.null]),
  profile: t.union([t.string, t.null]),
  notes: t.array(t.string),
  logs: t.string,
})
export type Results = t.TypeOf<typeof Results>

export const ratioOf = (subject: number, baseline: number | undefined): number | null =>
  baseline && baseline > 0 ? subject / baseline : null

/** For micro-benchmark scripts run as children: their rows go to the file named by BENCH_ROWS_FILE, if any. */
export const emitRows = async (rows: readonly Row[]): Promise<void> => {
  const file = process.env['BENCH_ROWS_FILE']
  if (!file) return
  const { writeFileSync } = await import('node:fs')
  writeFileSync(file, JSON.stringify(rows))
}
