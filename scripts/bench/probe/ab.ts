// A/B of two checkouts (issue 11; profiling aid, `npm run bench` is the benchmark): `keyledger serve` from each,
// both pinned to core 0, loaded in turn from core 1 with the bench's signed workloads (lib/workloads.ts), order
// swapped every round; prints req/s and the server's CPU time per request (all threads, /proc) per round, and the
// medians of B/A. CPU per request moves much less with the neighbours' load than req/s does.
//   npx tsx scripts/bench/probe/ab.ts DIR_A DIR_B DescribeKey,Encrypt,Decrypt [rounds=4] [seconds=2]
// DIR_A: e.g. `git archive main | tar -x -C /tmp/a` with node_modules linked. env PROF=A|B: that server under
// --cpu-prof (into $TMPDIR/ab-prof). On a shared machine run it in its own session with a raised autogroup share
// (README "Performance": nice does not reach across autogroups):
//   setsid sh -c 'echo -20 > /proc/self/autogroup; exec npx tsx scripts/bench/probe/ab.ts …'
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { startLoadClient } from '../lib/load.ts'
import { runLoad } from '../lib/measure.ts'
import { onCpus } from '../lib/pin.ts'
import { newPlaintext, setUpTarget, workloadsFor, type Workload } from '../lib/workloads.ts'

const [repoA, repoB, names, roundsS, secS] = process.argv.slice(2)
const cpu = (pid: number): number => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]) }
const KEY = { id: 'benchAccessKeyId', secret: 'benchAccessKeySecret-0123456789' }
const work = mkdtempSync(join(tmpdir(), 'ab-'))
interface Started { readonly url: string; readonly child: ChildProcess }
const start = async (repo: string, name: string, extra: string[] = []): Promise<Started> => {
  const log = join(work, `${name}.log`); const fd = openSync(log, 'w')
  const prof = process.env['PROF'] === name ? ['--cpu-prof', '--cpu-prof-dir', join(tmpdir(), 'ab-prof')] : []
  const [cmd, args] = onCpus('server', [process.execPath, ...prof, join(repo, 'bin', 'keyledger.js'), 'serve', '--data-dir', join(work, name), ...extra])
  const child = spawn(cmd, args, { cwd: repo, env: { ...process.env, KMS_LISTEN: '127.0.0.1:0', KMS_ROOT_ACCESS_KEY_ID: KEY.id, KMS_ROOT_ACCESS_KEY_SECRET: KEY.secret }, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  for (;;) { const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(readFileSync(log, 'utf8')); if (m) return { url: m[1]!, child }; await new Promise((r) => setTimeout(r, 100)) }
}
const a = await start(repoA!, 'A'); const b = await start(repoB!, 'B')
const load = startLoadClient()
const s = { load, key: KEY, connections: 32, seconds: Number(secS ?? 2) }
const pt = newPlaintext()
const wa = workloadsFor(await setUpTarget(a.url, KEY, pt), pt); const wb = workloadsFor(await setUpTarget(b.url, KEY, pt), pt)
const pick = (w: ReturnType<typeof workloadsFor>): Workload[] => [w.describe, ...w.symmetric, ...w.sign].filter((x) => names!.split(',').includes(x.name))
const A = pick(wa), B = pick(wb)
for (let i = 0; i < A.length; i++) { await runLoad(s, a.url, A[i]!, 1); await runLoad(s, b.url, B[i]!, 1) }
for (let i = 0; i < A.length; i++) {
  const ratios: number[] = []; let ta = 0, tb = 0; const cpus: Record<string, number[]> = { a: [], b: [] }
  for (let r = 0; r < Number(roundsS ?? 4); r++) {
    const order: Array<[Started, Workload[]]> = r % 2 ? [[b, B], [a, A]] : [[a, A], [b, B]]
    const got: Record<string, number> = {}
    for (const [srv, ws] of order) {
      const c0 = cpu(srv.child.pid!); const x = await runLoad(s, srv.url, ws[i]!); const c1 = cpu(srv.child.pid!)
      const k = srv === a ? 'a' : 'b'; got[k] = x.reqPerSec; cpus[k]!.push((c1 - c0) * 1e4 / (x.reqPerSec * s.seconds))
    }
    ratios.push(got['b']! / got['a']!); ta += got['a']!; tb += got['b']!
    console.log(`${A[i]!.name} round ${r}: A ${got['a']!.toFixed(0)} B ${got['b']!.toFixed(0)} B/A ${(got['b']! / got['a']!).toFixed(3)}`)
  }
  ratios.sort((x, y) => x - y)
  const med = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1]!
  console.log(`${A[i]!.name}: CPU µs/request A ${cpus['a']!.map((v) => v.toFixed(0)).join(' ')} | B ${cpus['b']!.map((v) => v.toFixed(0)).join(' ')}; median A ${med(cpus['a']!).toFixed(0)} B ${med(cpus['b']!).toFixed(0)} B/A ${(med(cpus['b']!) / med(cpus['a']!)).toFixed(3)}`)
  console.log(`${A[i]!.name}: A ${(ta / ratios.length).toFixed(0)} B ${(tb / ratios.length).toFixed(0)} median B/A ${ratios[ratios.length >> 1]!.toFixed(3)} (min ${ratios[0]!.toFixed(3)} max ${ratios[ratios.length - 1]!.toFixed(3)})`)
}
await load.close(); a.child.kill('SIGTERM'); b.child.kill('SIGTERM'); await new Promise((r) => setTimeout(r, 3000)); process.exit(0)
