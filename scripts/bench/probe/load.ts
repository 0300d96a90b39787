// load client with latency: argv base conc seconds id secret paramsJson
import { Agent, request } from 'node:http'
import { signedQuery } from '../../../spec/support/signed-request.ts'
const [base, concurrency, seconds, id, secret, paramsJson] = process.argv.slice(2) as [string, string, string, string, string, string]
const params = JSON.parse(paramsJson) as Record<string, string>
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency) })
const url = new URL(base)
const warm = Date.now() + 500
const deadline = warm + Number(seconds) * 1000
let ok = 0, failed = 0
let cpu0: NodeJS.CpuUsage | undefined
setTimeout(() => (cpu0 = process.cpuUsage()), 500)
const lat: number[] = []
let firstErr = ''
const once = (): Promise<void> => new Promise((resolve) => {
  const t0 = performance.now()
  const req = request({ host: url.hostname, port: url.port, method: 'POST', path: `/?${signedQuery({ id, secret }, params)}`, agent }, (res) => {
    let body = ''
    res.on('data', (d) => { if (res.statusCode !== 200 && body.length < 400) body += d })
    res.on('end', () => {
      const now = Date.now()
      if (now >= warm) {
        if (res.statusCode === 200) { ok++; lat.push(performance.now() - t0) } else { failed++; firstErr ||= body }
      }
      resolve()
    })
  })
  req.on('error', (e) => { failed++; firstErr ||= String(e); resolve() })
  req.end()
})
const loop = async () => { while (Date.now() < deadline) await once() }
await Promise.all(Array.from({ length: Number(concurrency) }, loop))
const elapsed = (Date.now() - warm) / 1000
const cpu = process.cpuUsage(cpu0)
// The client's own CPU over the measured span, in cores (it shares the machine with the server under test).
const clientCores = (cpu.user + cpu.system) / 1e6 / elapsed
lat.sort((a, b) => a - b)
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN
process.stdout.write(JSON.stringify({ ok, failed, perSecond: ok / elapsed, p50: q(0.5), p99: q(0.99), firstErr, clientCores }) + '\n')
agent.destroy()
