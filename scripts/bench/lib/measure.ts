import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { callApi } from './api.ts'
import type { LoadClient, LoadResult } from './load.ts'
import { onCpus } from './pin.ts'
import type { Measure } from './results.ts'
import type { AccessKey } from './sdk-request.ts'
import type { Workload } from './workloads.ts'

// Repeated measurements of one thing, folded into one Measure: throughput over all rounds together, p50 the
// mean of the rounds' p50s, p99 the worst round's (a noisy round must not hide a tail).

export class Samples {
  private readonly rounds: Array<{ n: number; seconds: number; p50: number; p99: number; failed: number }> = []
  constructor(readonly label: string) {}
  add(n: number, seconds: number, p50: number, p99: number, failed = 0): void {
    this.rounds.push({ n, seconds, p50, p99, failed })
  }
  addLoad(r: LoadResult): void {
    this.add(r.ok, r.seconds, r.p50Ms, r.p99Ms, r.non2xx + r.errors + r.timeouts)
  }
  get empty(): boolean {
    return this.rounds.length === 0
  }
  measure(): Measure {
    const sum = (f: (r: Samples['rounds'][number]) => number) => this.rounds.reduce((a, r) => a + f(r), 0)
    const failed = sum((r) => r.failed)
    return {
      label: this.label,
      perSec: sum((r) => r.n) / sum((r) => r.seconds),
      p50Ms: sum((r) => r.p50) / this.rounds.length,
      p99Ms: Math.max(...this.rounds.map((r) => r.p99)),
      ...(failed ? { failed } : {}),
    }
  }
}

export interface LoadSettings {
  readonly load: LoadClient
  readonly key: AccessKey
  readonly connections: number
  readonly seconds: number
}

/**
 * One load run, then one more call of the same workload awaited: autocannon stops at its deadline and drops the
 * requests still in flight, which a slow server is still working through; the next measurement must not start
 * behind them.
 */
export const runLoad = async (s: LoadSettings, url: string, w: Workload, seconds = s.seconds): Promise<LoadResult> => {
  const r = await s.load.run({ url, connections: s.connections, seconds, key: s.key, action: w.action, params: w.params })
  await callApi(url, s.key, w.action, w.params).catch(() => undefined)
  return r
}

/** Raw node:crypto signing on core 0 (../raw-sign.ts), `seconds` long. */
export const rawSign = (spec: 'RSA_2048' | 'EC_P256', seconds: number, message: Buffer): Promise<{ opsPerSec: number; p50Ms: number; p99Ms: number }> =>
  new Promise((resolve, reject) => {
    const [cmd, args] = onCpus('server', [process.execPath, '--import', 'tsx', join(import.meta.dirname, '..', 'raw-sign.ts'), spec, String(seconds), message.toString('base64')])
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`raw-sign exited ${code}`))))
  })
