// `npm run bench`: every benchmark of keyledger, one table, and bench/results.json (lib/results.ts). Every figure
// is a ratio to a baseline measured in the same run on the same machine (these machines are shared and noisy:
// absolute numbers move a lot between runs, ratios much less). README "Performance" explains each row.
//   npm run bench                       everything (HTTP rows, flat cost at 1,000,000 events, micro-benchmarks)
//   npm run bench -- --quick            shorter runs, a 100,000-event history, only the event-store and crypto
//                                       micro-benchmarks: under 3 minutes on an idle 2-core machine
//   npm run bench -- http               only the HTTP rows (also: flat, micro, or one micro-benchmark by name)
//   npm run bench -- --compare URL --access-key-id ID --access-key-secret S    the workloads against another endpoint
//   npm run bench -- http --profile     the HTTP server under node --cpu-prof; the profile's path is printed
import { Command, Option } from 'commander'
import * as E from 'fp-ts/lib/Either.js'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { runCompare } from './compare.ts'
import { runFlat } from './flat.ts'
import { runHttp } from './http.ts'
import { startLoadClient } from './lib/load.ts'
import { MICRO, runMicro } from './lib/micro.ts'
import { pinningDescription, setCpus } from './lib/pin.ts'
import { Results, RESULTS_VERSION, type FlatCost, type Machine, type Row } from './lib/results.ts'
import { newestProfile, REPO } from './lib/server.ts'
import { renderMarkdown, renderTable } from './lib/table.ts'

const SECTIONS = ['http', 'flat', 'micro', ...Object.keys(MICRO)]
const KEY = { id: 'benchAccessKeyId', secret: 'benchAccessKeySecret-0123456789' }

const program = new Command('npm run bench --')
  .description('keyledger benchmarks: one table of ratios to baselines measured in the same run, and bench/results.json')
  .argument('[sections...]', `what to run: ${SECTIONS.join(', ')} (default: http, flat, micro)`)
  .option('--quick', 'short runs and a 100,000-event history (under 3 minutes)', false)
  .option('--seconds <n>', 'seconds per measurement (default 10, --quick 3)', Number)
  .option('--rounds <n>', 'rounds of each measurement, baseline and subject alternating (default 2, --quick 1)', Number)
  .option('--connections <n>', 'keep-alive connections of the load client', Number, 32)
  .option('--history <events>', 'earlier ActionInvoked events on the flat-cost key (default 1000000, --quick 100000)', Number)
  .option('--profile', 'run the HTTP rows\' server under node --cpu-prof and print the profile\'s path', false)
  .option('--serve-arg <arg>', 'an extra argument for `keyledger serve` (repeatable), e.g. --serve-arg=--workers --serve-arg=2', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--server-cpus <list>', 'taskset CPU list of the servers under test and the baselines', '0')
  .option('--client-cpus <list>', 'taskset CPU list of the load client', '1')
  .option('--compare <url>', 'also run the signed workloads against this endpoint, side by side')
  .option('--access-key-id <id>', 'access key id for --compare')
  .option('--access-key-secret <secret>', 'access key secret for --compare')
  .option('--markdown', 'also print the table as Markdown (for README "Performance")', false)
  .option('--render <results.json>', 'print the table of an earlier run\'s results file (with --markdown: as Markdown) and exit')
  .option('--out <file>', 'where to write the results', join(REPO, 'bench', 'results.json'))
  .addOption(new Option('--keep', 'keep the temporary data dirs and logs').default(false))
  .showHelpAfterError()

program.parse(process.argv.slice(2), { from: 'user' })
const opts = program.opts<{
  quick: boolean; seconds?: number; rounds?: number; connections: number; history?: number; profile: boolean; serveArg: string[]
  serverCpus: string; clientCpus: string; compare?: string; accessKeyId?: string; accessKeySecret?: string; out: string; keep: boolean; markdown: boolean; render?: string
}>()
if (opts.render) {
  const decoded = Results.decode(JSON.parse(readFileSync(opts.render, 'utf8')))
  if (E.isLeft(decoded)) program.error(`${opts.render} is not a results file of version ${RESULTS_VERSION}`)
  else process.stdout.write((opts.markdown ? renderMarkdown(decoded.right) : renderTable(decoded.right)) + '\n')
  process.exit(0)
}
const chosen = program.args.length ? program.args : ['http', 'flat', 'micro']
for (const s of chosen) if (!SECTIONS.includes(s)) program.error(`unknown section ${s}; known: ${SECTIONS.join(', ')}`)
if (opts.compare && !(opts.accessKeyId && opts.accessKeySecret)) program.error('--compare needs --access-key-id and --access-key-secret')

const quick = opts.quick
try {
  setCpus('server', opts.serverCpus)
  setCpus('client', opts.clientCpus)
} catch (e) {
  program.error((e as Error).message)
}
const seconds = opts.seconds ?? (quick ? 3 : 10)
const rounds = opts.rounds ?? (quick ? 1 : 2)
const warmupSeconds = quick ? 1 : 2
const historyEvents = opts.history ?? (quick ? 100_000 : 1_000_000)
const startedAt = new Date()
const machine: Machine = {
  cpuModel: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), node: process.version, platform: `${process.platform} ${process.arch}`,
  loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100) as [number, number, number], pinning: pinningDescription(),
}
const log = (line: string) => process.stderr.write(`${line}\n`)
const workDir = mkdtempSync(join(tmpdir(), 'keyledger-bench-'))
const logDir = join(workDir, 'logs')
mkdirSync(logDir)
const profileDir = opts.profile ? join(REPO, 'bench', 'profiles') : undefined
log(`bench: ${chosen.join(', ')}${quick ? ' (--quick)' : ''}; ${seconds} s × ${rounds} round(s), ${opts.connections} connections; ${machine.pinning}; logs in ${logDir}`)
log(`bench: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`)

const rows: Row[] = []
const notes: string[] = []
let flat: FlatCost | null = null
let compare: Results['compare'] = null
let profile: string | null = null
let failed = false
const load = startLoadClient()
const settings = { load, key: KEY, connections: opts.connections, seconds }
const section = async (name: string, f: () => Promise<void>) => {
  try {
    await f()
  } catch (e) {
    failed = true
    notes.push(`${name} failed: ${e instanceof Error ? e.message : String(e)}`)
    log(`bench: ${name} failed: ${e instanceof Error ? e.stack : String(e)}`)
  }
}
try {
  if (chosen.includes('http'))
    await section('http', async () => {
      const r = await runHttp({ ...settings, rounds, warmupSeconds, workDir, logDir, serveArgs: opts.serveArg, log, ...(profileDir ? { profileDir } : {}) })
      rows.push(...r.rows)
      notes.push(...r.notes)
      if (profileDir) profile = newestProfile(profileDir) ?? null
    })
  if (chosen.includes('flat'))
    await section('flat', async () => {
      const r = await runFlat({ ...settings, rounds, warmupSeconds, historyEvents, quick, workDir, logDir, serveArgs: opts.serveArg, log })
      rows.push(...r.rows)
      flat = r.flat
    })
  if (opts.compare)
    await section('compare', async () => {
      const r = await runCompare({ ...settings, url: opts.compare!, otherKey: { id: opts.accessKeyId!, secret: opts.accessKeySecret! }, rounds, warmupSeconds, workDir, logDir, serveArgs: opts.serveArg, log })
      compare = { url: opts.compare!, rows: r.rows }
      notes.push(...r.notes)
    })
  const micro = Object.keys(MICRO).filter((m) => chosen.includes(m) || (chosen.includes('micro') && (!quick || MICRO[m]!.inQuick)))
  for (const m of micro)
    await section(m, async () => {
      const r = await runMicro(m, quick, logDir, log)
      rows.push(...r.rows)
      notes.push(...r.notes)
    })
} finally {
  await load.close()
}

const results: Results = {
  version: RESULTS_VERSION, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).map((a, i, all) => (all[i - 1] === '--access-key-secret' ? '***' : a.replace(/^(--access-key-secret=).*/, '$1***'))).join(' ')}`.trim(),
  quick, machine, settings: { connections: opts.connections, seconds, rounds, plaintextBytes: 32, serveArgs: opts.serveArg },
  rows, flat, compare, profile, notes, logs: opts.keep ? logDir : '(removed; --keep keeps them)',
}
mkdirSync(join(opts.out, '..'), { recursive: true })
writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n')
process.stdout.write(renderTable(results) + '\n')
if (opts.markdown) process.stdout.write(`\n${renderMarkdown(results)}\n\n`)
for (const n of notes) process.stdout.write(`note: ${n}\n`)
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition, @typescript-eslint/restrict-template-expressions -- set by the loop above
if (profile) process.stdout.write(`CPU profile of the HTTP rows' server: ${profile} (open it in Chrome DevTools › Performance, or speedscope)\n`)
process.stdout.write(`results: ${relative(process.cwd(), opts.out) || opts.out}\n`)
if (!opts.keep) rmSync(workDir, { recursive: true, force: true })
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the loop above
process.exit(failed ? 1 : 0)
