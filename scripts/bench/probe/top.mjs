import { readFileSync } from 'node:fs'
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const n = Number(process.argv[3] ?? 30)
const byId = new Map(p.nodes.map((x) => [x.id, x]))
const self = new Map()
const dt = p.timeDeltas
const counts = new Map()
for (let i = 0; i < p.samples.length; i++) counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0))
let total = 0
const parent = new Map()
for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id)
const incl = new Map()
for (const [id, t] of counts) {
  total += t
  const x = byId.get(id)
  const cf = x.callFrame
  const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`
  self.set(key, (self.get(key) ?? 0) + t)
  // inclusive
  const seen = new Set()
  let cur = id
  while (cur !== undefined) {
    const y = byId.get(cur).callFrame
    const k = `${y.functionName || '(anon)'} ${y.url.split('/').slice(-2).join('/')}:${y.lineNumber + 1}`
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t) }
    cur = parent.get(cur)
  }
}
console.log(`total ${(total / 1e6).toFixed(2)} s`)
console.log('--- self')
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(100 * t / total).toFixed(1).padStart(5)}%  ${k}`)
if (process.argv[4]) {
  console.log('--- inclusive')
  for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4]))) console.log(`${(100 * t / total).toFixed(1).padStart(5)}%  ${k}`)
}
