// `npm run fuzz -- --requests N --seed S [--only I]`: the wire fuzzer (scripts/fuzz/wire-fuzzer.ts) against a
// server of its own on 127.0.0.1, over SQLite in a temporary directory (what users run). Prints each finding
// with a one-line reproduction and exits 1 when there is any.
import { parseArgs } from 'node:util'
import { KEY_A, startTestServer } from '../../spec/support/api-server.ts'
import { fuzz, LATENCY_LIMIT_MS, reproduction } from './wire-fuzzer.ts'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  process.stdout.write(
    'usage: npm run fuzz -- [--requests N] [--seed S] [--only I]\n  Sends N signed, mutated requests (seed S) to a fresh server; --only I replays request I of that run.\n',
  )
  process.exit(0)
}
const requests = Number(values.requests)
const seed = Number(values.seed)
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed)) {
  process.stderr.write('--requests is a whole number above 0 and --seed a whole number\n')
  process.exit(2)
}
const app = await startTestServer()
try {
  const started = Date.now()
  const findings = await fuzz(
    { baseUrl: app.api.url, key: KEY_A, store: app.store },
    {
      seed,
      requests,
      latencyLimitMs: LATENCY_LIMIT_MS,
      ...(values.only !== undefined ? { only: Number(values.only) } : {}),
      ...(values.only !== undefined
        ? {
            onAnswer: (params: Map<string, string>, status: number, body: string) =>
              process.stdout.write(`sent ${JSON.stringify(Object.fromEntries(params)).slice(0, 500)}\nanswer ${status} ${body.slice(0, 500)}\n`),
          }
        : {}),
      onProgress: (n) => {
        if (n % 500 === 0) process.stderr.write(`${n} requests, ${Math.round((Date.now() - started) / 1000)} s\n`)
      },
      onFinding: (f) => process.stderr.write(`finding: ${reproduction(f, seed, requests)}\n`),
    },
  )
  for (const f of findings) process.stdout.write(`${reproduction(f, seed, requests)}\n`)
  process.stdout.write(`${requests} requests (seed ${seed}) in ${Math.round((Date.now() - started) / 1000)} s: ${findings.length} finding(s)\n`)
  process.exitCode = findings.length ? 1 : 0
} finally {
  await app.close()
}
