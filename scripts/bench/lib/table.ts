import Table from 'cli-table3'
import type { Measure, Results, Row } from './results.ts'

// The one table `npm run bench` prints: a block per section, subject beside its baseline, the ratio and its goal.

const num = (n: number | null | undefined, unit = ''): string => {
  if (n === null || n === undefined || Number.isNaN(n)) return '–'
  const digits = n >= 100 ? 0 : n >= 10 ? 1 : 2
  return `${n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 })}${unit}`
}
const rate = (m: Measure, unit: string): string => `${num(m.perSec)}${unit === 'req/s' ? '' : ` ${unit}`}`
const latency = (m: Measure): string => (m.p50Ms === null || m.p99Ms === null ? '–' : `${num(m.p50Ms)} / ${num(m.p99Ms)}`)

const met = (r: Row): string => {
  if (r.ratio === null || !r.target) return ''
  const m = /^([≥≤])\s*([\d.]+)$/.exec(r.target)
  if (!m) return ''
  const ok = m[1] === '≥' ? r.ratio >= Number(m[2]) : r.ratio <= Number(m[2])
  return ok ? ' ✓' : ' ✗'
}

const TITLES: Record<string, string> = {
  http: 'HTTP: keyledger (signed RPC v1 as SDK 1.2.0 signs, durable audit) vs the same run\'s baseline',
  flat: 'Flat cost: key with a long history (subject) vs a fresh key (baseline)',
  compare: 'Compare: the other endpoint (subject) vs a local keyledger (baseline)',
}

export const renderTable = (r: Results): string => {
  const t = new Table({
    head: ['row', 'rate', 'p50 / p99 ms', 'baseline', 'rate', 'p50 / p99 ms', 'ratio', 'target'],
    style: { head: [], border: [], compact: true },
  })
  const all = [...r.rows, ...(r.compare?.rows ?? [])]
  let current = ''
  for (const row of all) {
    if (row.section !== current) {
      current = row.section
      t.push([{ colSpan: 8, content: TITLES[current] ?? `micro-benchmark: ${current}` }])
    }
    const b = row.baseline
    t.push([row.name + (row.note ? ` (${row.note})` : ''), rate(row.subject, row.unit), latency(row.subject),
      b ? b.label : '–', b ? rate(b, row.unit) : '–', b ? latency(b) : '–', row.ratio === null ? '–' : row.ratio.toFixed(2) + met(row), row.target ?? ''])
  }
  const m = r.machine
  const head = `keyledger bench ${r.quick ? '(--quick) ' : ''}${r.startedAt}: ${m.cpuModel}, ${m.cores} cores, node ${m.node}, load average at start ${m.loadAverageAtStart.join(' ')}\n` +
    `${r.settings.connections} keep-alive connections, ${r.settings.seconds} s × ${r.settings.rounds} round(s) per figure, ${r.settings.plaintextBytes}-byte plaintexts; rates in req/s unless a unit follows; ${m.pinning}`
  return `${head}\n${t.toString()}`
}

/** The same rows as a Markdown table, for README "Performance" (`npm run bench -- --markdown`). */
export const renderMarkdown = (r: Results): string => {
  const m = r.machine
  const lines = [
    `${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, \`${r.command}\`: ${m.cpuModel}, ${m.cores} cores, node ${m.node}, load average at start ${m.loadAverageAtStart.join(' ')}; ` +
      `${r.settings.connections} connections, ${r.settings.seconds} s × ${r.settings.rounds} round(s) per figure; rates in req/s unless a unit follows.`,
    '',
    '| row | rate | p50 / p99 ms | baseline | rate | p50 / p99 ms | ratio | target |',
    '|---|---:|---:|---|---:|---:|---:|---|',
  ]
  for (const row of [...r.rows, ...(r.compare?.rows ?? [])]) {
    const b = row.baseline
    const name = `${row.section === 'http' || row.section === 'flat' ? '' : `${row.section}: `}${row.name}${row.note ? ` (${row.note})` : ''}`
    lines.push(`| ${[name, rate(row.subject, row.unit), latency(row.subject), b ? b.label : '–', b ? rate(b, row.unit) : '–', b ? latency(b) : '–',
      row.ratio === null ? '–' : row.ratio.toFixed(2) + met(row), row.target ?? ''].join(' | ')} |`)
  }
  return lines.join('\n')
}
