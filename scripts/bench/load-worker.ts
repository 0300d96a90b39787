// The load side of the HTTP benchmark, in its own process pinned to its own core (lib/load.ts starts it):
// autocannon with N keep-alive connections, one request in flight on each, every request signed afresh
// (new nonce and timestamp) as the 1.2.0 SDK signs it. Jobs arrive as JSON lines on stdin; each answer is one
// JSON line on stdout.
import autocannon from 'autocannon'
import { createInterface } from 'node:readline'
import { signedSdkRequest } from './lib/sdk-request.ts'
import type { LoadJob, LoadResult } from './lib/load.ts'

const run = (job: LoadJob): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const url = new URL(job.url)
    const sign = () => signedSdkRequest(url.host, job.key, job.action, job.params)
    const first = sign()
    autocannon({
      url: new URL(first.path, url).toString(),
      connections: job.connections,
      pipelining: 1,
      duration: job.seconds,
      timeout: 30,
      method: 'POST',
      headers: first.headers,
      requests: [{ setupRequest: (req) => ({ ...req, ...sign() }) }],
    }, (err, r) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the worker reported
      if (err) return reject(err)
      const ok = r['2xx']
      resolve({
        ok, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, seconds: r.duration,
        reqPerSec: ok / r.duration, p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max,
      })
    })
  })

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue
  try {
    process.stdout.write(JSON.stringify(await run(JSON.parse(line) as LoadJob)) + '\n')
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }) + '\n')
  }
}
