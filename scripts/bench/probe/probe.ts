// The performance probe of issue 11 (profiling aid; `npm run bench` is the benchmark): starts `keyledger serve`
// pinned to core 0 (SERVER_CPUS), a bare node:http server and a bare node:http + AES-256-GCM server, and loads
// each from core 1 (CLIENT_CPUS) with signed RPC v1 requests over keep-alive connections. Prints req/s, p50/p99 and
// the server's CPU time per request (all its threads, from /proc) with ratios to the bare servers of the same run.
//   npx tsx scripts/bench/probe/probe.ts Encrypt,Decrypt,GenerateDataKey,DescribeKey [seconds=5] [conc=32] [rounds=1]
// env: ROOT=dir (serve another checkout, e.g. `git archive <rev>` with node_modules linked: before/after in one run),
// PROF=1 (node --cpu-prof into .tmp/prof; read with top.mjs / byfile.mjs), WORKERS=n (serve --workers n),
// DATA=dir and KEYID=key (reuse a data dir, e.g. one made by bulk.ts), FLAT=1 (fresh key vs KEYID, with RSS).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call } from '../../../spec/support/signed-request.ts'
const root = process.env.ROOT ?? join(import.meta.dirname, '../../..')
const actions = (process.argv[2] ?? 'Encrypt').split(',')
const seconds = process.argv[3] ?? '5'
const conc = process.argv[4] ?? '32'
const rounds = Number(process.argv[5] ?? 1)
const KEY = { id: 'probeAccessKeyId01', secret: 'probeAccessKeySecret-0123456789' }
const dataDir = process.env.DATA ?? mkdtempSync(join(tmpdir(), 'kl-probe-'))
mkdirSync(dataDir, { recursive: true })
const port = 18000 + Math.floor(Math.random() * 1000)
const startProc = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> => new Promise((resolve, reject) => {
  const p = spawn('taskset', ['-c', process.env.SERVER_CPUS ?? '0', process.execPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  p.stdout.on('data', (d) => { out += d; if (out.includes('listening')) { p.stdout.removeAllListeners('data'); p.stdout.resume(); resolve(p) } })
  p.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)))
})
/** What load.ts prints, and the CPU per request that measure() adds. */
interface LoadResult { ok: number; failed: number; perSecond: number; p50: number; p99: number; firstErr: string; cpuPerReq: number }
const load = (base: string, params: Record<string, string>): Promise<LoadResult> => new Promise((resolve, reject) => {
  const p = spawn('taskset', ['-c', process.env.CLIENT_CPUS ?? '1', process.execPath, '--import', 'tsx', join(import.meta.dirname, 'load.ts'), base, conc, seconds, KEY.id, KEY.secret, JSON.stringify(params)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  p.stdout.on('data', (d) => (out += d))
  p.on('close', (c) => (c === 0 ? resolve(JSON.parse(out)) : reject(new Error('load ' + c))))
})
import { readFileSync, readdirSync } from 'node:fs'
const cpuOf = (pid: number): number => { // utime+stime ticks of pid and its children threads (process-level)
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(f[11]) + Number(f[12])) * 10 // ms (CLK_TCK 100)
}
const nodePid = (p: ChildProcess): number[] => { // taskset execs node in place; include children (workers)
  const pids = [p.pid!]
  for (let k = 0; k < 2; k++)
  for (const d of readdirSync('/proc')) { if (!/^\d+$/.test(d)) continue; try { const st = readFileSync(`/proc/${d}/stat`, 'utf8'); const pp = Number(st.split(') ')[1]!.split(' ')[1]); if (pids.includes(pp) && !pids.includes(Number(d))) pids.push(Number(d)) } catch {} }
  return pids
}
const measure = async (p: ChildProcess, base: string, params: Record<string, string>) => {
  const pids = nodePid(p)
  const c0 = pids.reduce((a, x) => a + cpuOf(x), 0)
  const r = await load(base, params)
  const c1 = pids.reduce((a, x) => { try { return a + cpuOf(x) } catch { return a } }, 0)
  r.cpuPerReq = (c1 - c0) / (r.ok + r.failed) / 1.0
  return r
}
const stop = (p: ChildProcess) => new Promise<void>((r) => { p.once('exit', () => r()); p.kill('SIGINT') })
const bareEnc = await startProc(['--import', 'tsx', join(import.meta.dirname, 'bare.ts'), 'enc', String(port + 1)])
const bare = await startProc(['--import', 'tsx', join(import.meta.dirname, 'bare.ts'), 'plain', String(port + 2)])
const profArgs = process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(root, '.tmp', 'prof')}`] : []
const workers = process.env.WORKERS ? ['--workers', process.env.WORKERS] : []
// As scripts/bench/lib/server.ts: the per-account throttle (read 2,000/s by default) raised above what one node reaches.
const configFile = join(dataDir, 'probe.config.json')
const unlimited = { ratePerSecond: 1_000_000, burst: 1_000_000 }
writeFileSync(configFile, JSON.stringify({ throttling: { cryptographic: unlimited, management: unlimited, read: unlimited } }))
const app = await startProc([...profArgs, join(root, 'bin/keyledger.js'), 'serve', '--data-dir', dataDir, '--config', configFile, '--listen', `127.0.0.1:${port}`, ...workers],
  { KMS_ROOT_ACCESS_KEY_ID: KEY.id, KMS_ROOT_ACCESS_KEY_SECRET: KEY.secret, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' })
const appUrl = `http://127.0.0.1:${port}`
const mk = async (params: Record<string, string>) => {
  const r = await call(appUrl, KEY, { Action: 'CreateKey', ...params })
  if (r.status !== 200) throw new Error(JSON.stringify(r.body))
  return (r.body as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
}
const keyId = process.env.KEYID ?? await mk({})
const pt = Buffer.alloc(32, 7).toString('base64')
const enc = await call(appUrl, KEY, { Action: 'Encrypt', KeyId: keyId, Plaintext: pt })
const blob = (enc.body as { CiphertextBlob: string }).CiphertextBlob
const fmt = (r: LoadResult) => `cpu ${(r.cpuPerReq * 1000).toFixed(0)} us/req  ${r.perSecond.toFixed(0)} req/s p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} ms${r.failed ? ` FAILED ${r.failed} ${r.firstErr}` : ''}`
console.log(`data ${dataDir} key ${keyId}`)
const rss = (p: ChildProcess) => nodePid(p).reduce((a, pid) => { try { return a + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) } catch { return a } }, 0) / 1024
if (process.env.FLAT) {
  const fresh = await mk({})
  await call(appUrl, KEY, { Action: 'Encrypt', KeyId: fresh, Plaintext: pt })
  for (let i = 0; i < rounds; i++) {
    const be = await measure(bareEnc, `http://127.0.0.1:${port + 1}`, { Action: 'Encrypt', Plaintext: pt })
    console.log(`bare enc      ${fmt(be)}`)
    const f = await measure(app, appUrl, { Action: 'Encrypt', KeyId: fresh, Plaintext: pt })
    console.log(`fresh key     ${fmt(f)}  ratio ${(f.perSecond / be.perSecond).toFixed(3)}  rss ${rss(app).toFixed(0)} MB`)
    const o = await measure(app, appUrl, { Action: 'Encrypt', KeyId: keyId, Plaintext: pt })
    console.log(`1M-event key  ${fmt(o)}  ratio ${(o.perSecond / be.perSecond).toFixed(3)}  rss ${rss(app).toFixed(0)} MB  old/fresh ${(o.perSecond / f.perSecond).toFixed(3)} cpu fresh/old ${(f.cpuPerReq / o.cpuPerReq).toFixed(3)}`)
  }
  await stop(app); await stop(bareEnc); await stop(bare)
  process.exit(0)
}
for (let i = 0; i < rounds; i++) {
  const be = await measure(bareEnc, `http://127.0.0.1:${port + 1}`, { Action: 'Encrypt', Plaintext: pt })
  console.log(`bare enc      ${fmt(be)}`)
  for (const a of actions) {
    let params: Record<string, string>
    let base = be
    if (a === 'Encrypt') params = { Action: 'Encrypt', KeyId: keyId, Plaintext: pt }
    else if (a === 'Decrypt') params = { Action: 'Decrypt', CiphertextBlob: blob }
    else if (a === 'GenerateDataKey') params = { Action: 'GenerateDataKey', KeyId: keyId }
    else if (a === 'DescribeKey') { params = { Action: 'DescribeKey', KeyId: keyId }; base = await measure(bare, `http://127.0.0.1:${port + 2}`, params); console.log(`bare plain    ${fmt(base)}`) }
    else throw new Error(a)
    const r = await measure(app, appUrl, params)
    console.log(`${a.padEnd(14)}${fmt(r)}  ratio ${(r.perSecond / base.perSecond).toFixed(3)} cpu-ratio ${(base.cpuPerReq / r.cpuPerReq).toFixed(3)}`)
  }
}
await stop(app); await stop(bareEnc); await stop(bare)
