// The HTTP rows (issue #11 item 2): keyledger's signed API against baselines measured in the same run, the
// servers one after another on core 0, the load client on core 1, N keep-alive connections, durable audit.
//   Encrypt, Decrypt, GenerateDataKey  vs bare node:http + one AES-256-GCM per request   (target ≥ 0.5)
//   DescribeKey                        vs bare node:http                                   (target ≥ 0.7)
//   AsymmetricSign RSA_2048 / EC_P256  vs raw node:crypto signing of the same digest        (≥ 0.8 / ≥ 0.5)
// Baseline and subject alternate within each round (and swap order between rounds), so the noise of a shared
// machine falls on both. Run through `npm run bench -- http` (index.ts).
import { join } from 'node:path'
import { Samples, rawSign, runLoad, type LoadSettings } from './lib/measure.ts'
import { ratioOf, type Row } from './lib/results.ts'
import { startBareServer, startKeyledger, type RunningServer } from './lib/server.ts'
import { newPlaintext, setUpTarget, SIGN_MESSAGE, workloadsFor, type Workload } from './lib/workloads.ts'

export interface HttpOptions extends LoadSettings {
  readonly rounds: number
  readonly warmupSeconds: number
  readonly workDir: string
  readonly logDir: string
  readonly profileDir?: string
  readonly serveArgs: readonly string[]
  readonly log: (line: string) => void
}

const TARGETS: Record<string, string> = {
  DescribeKey: '≥ 0.7', Encrypt: '≥ 0.5', Decrypt: '≥ 0.5', GenerateDataKey: '≥ 0.5',
  'AsymmetricSign RSA_2048': '≥ 0.8', 'AsymmetricSign EC_P256': '≥ 0.5',
}

export const runHttp = async (o: HttpOptions): Promise<{ rows: Row[]; notes: string[] }> => {
  const servers: RunningServer[] = []
  try {
    const plain = await startBareServer('plain', o.logDir)
    servers.push(plain)
    const aes = await startBareServer('aes', o.logDir)
    servers.push(aes)
    const kl = await startKeyledger({ dataDir: join(o.workDir, 'http-data'), key: o.key, logDir: o.logDir, name: 'keyledger-http', serveArgs: o.serveArgs, ...(o.profileDir ? { profileDir: o.profileDir } : {}) })
    servers.push(kl)
    const plaintext = newPlaintext()
    const keys = await setUpTarget(kl.url, o.key, plaintext)
    const w = workloadsFor(keys, plaintext)

    const pairs: Array<{ w: Workload; base: string; baseLabel: string }> = [
      { w: w.describe, base: plain.url, baseLabel: 'bare node:http' },
      ...w.symmetric.map((s) => ({ w: s, base: aes.url, baseLabel: 'bare node:http + AES-256-GCM' })),
    ]
    const samples = new Map(pairs.map((p) => [p.w.name, { subject: new Samples('keyledger'), baseline: new Samples(p.baseLabel) }]))
    const signSamples = new Map(w.sign.map((s) => [s.name, { subject: new Samples('keyledger'), baseline: new Samples('node:crypto sign') }]))

    o.log(`http: warm-up (${o.warmupSeconds} s per server and workload)`)
    for (const p of pairs) {
      await runLoad(o, p.base, p.w, o.warmupSeconds)
      await runLoad(o, kl.url, p.w, o.warmupSeconds)
    }
    for (const s of w.sign) await runLoad(o, kl.url, s, o.warmupSeconds)

    for (let round = 0; round < o.rounds; round++) {
      for (const p of pairs) {
        const s = samples.get(p.w.name)!
        const order = round % 2 === 0 ? ['baseline', 'subject'] as const : ['subject', 'baseline'] as const
        for (const side of order) {
          const r = await runLoad(o, side === 'baseline' ? p.base : kl.url, p.w)
          s[side].addLoad(r)
          o.log(`http: round ${round + 1}/${o.rounds} ${p.w.name} ${side === 'baseline' ? p.baseLabel : 'keyledger'}: ${r.reqPerSec.toFixed(0)} req/s, p99 ${r.p99Ms} ms${r.non2xx + r.errors ? `, ${r.non2xx + r.errors} failed` : ''}`)
        }
      }
      for (const sw of w.sign) {
        const s = signSamples.get(sw.name)!
        const raw = await rawSign(sw.spec, o.seconds, SIGN_MESSAGE)
        s.baseline.add(raw.opsPerSec * o.seconds, o.seconds, raw.p50Ms, raw.p99Ms)
        const r = await runLoad(o, kl.url, sw)
        s.subject.addLoad(r)
        o.log(`http: round ${round + 1}/${o.rounds} ${sw.name}: keyledger ${r.reqPerSec.toFixed(0)} req/s, node:crypto ${raw.opsPerSec.toFixed(0)} signs/s`)
      }
    }

    const rows: Row[] = []
    for (const [name, s] of [...samples, ...signSamples]) {
      const subject = s.subject.measure()
      const baseline = s.baseline.measure()
      rows.push({
        section: 'http', name, unit: 'req/s', subject, baseline, ratio: ratioOf(subject.perSec, baseline.perSec), target: TARGETS[name] ?? null,
        ...(subject.failed ? { note: `${subject.failed} calls failed (see the server log)` } : {}),
      })
    }
    return { rows, notes: keys.notes }
  } finally {
    for (const s of servers.reverse()) await s.stop()
  }
}
