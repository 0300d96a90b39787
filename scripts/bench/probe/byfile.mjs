import { readFileSync } from 'node:fs'
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const byId = new Map(p.nodes.map((x) => [x.id, x]))
const t0 = p.startTime, from = Number(process.argv[3] ?? 0) * 1e6
const acc = new Map(); let total = 0; let t = t0
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i]
  if (t - t0 < from) continue
  const cf = byId.get(p.samples[i]).callFrame
  const url = cf.url.replace(/.*\/(node_modules\/[^/]+|work\/wt\/perf)\//, '$1/').replace(/^file:\/\//, '')
  const k = cf.url ? url : cf.functionName
  acc.set(k, (acc.get(k) ?? 0) + p.timeDeltas[i]); total += p.timeDeltas[i]
}
console.log(`window ${(total / 1e6).toFixed(1)} s`)
for (const [k, v] of [...acc].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] ?? 40))) console.log(`${(100 * v / total).toFixed(1).padStart(5)}% ${(v / 1e6).toFixed(2).padStart(6)}s ${k}`)
