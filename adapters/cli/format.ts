import Table from 'cli-table3'
import { toCsv, type Cell, type ReportTable } from '../../projections/reports/table.ts'

export type OutputFormat = 'table' | 'json' | 'csv'

export const parseFormat = (s: string): OutputFormat => {
  if (s === 'table' || s === 'json' || s === 'csv') return s
  throw new CliError(`--format is table, json or csv (got ${s})`)
}

/** A usage error: printed without a stack, exit code 2. */
export class CliError extends Error {}

export const renderTable = (columns: readonly string[], rows: readonly Readonly<Record<string, Cell>>[]): string => {
  const t = new Table({ head: [...columns], style: { head: [], border: [] } })
  for (const r of rows) t.push(columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))))
  return t.toString()
}

export const renderReport = (r: ReportTable, format: OutputFormat): string => {
  switch (format) {
    case 'json': return JSON.stringify(r, null, 2)
    case 'csv': return toCsv(r).trimEnd()
    case 'table':
      return [`${r.title} (as of ${r.at}): ${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`, renderTable(r.columns, r.rows),
        ...r.notes.map((n) => `note: ${n}`)].join('\n')
  }
}

export const parseInstant = (s: string, flag: string): Date => {
  const t = Date.parse(s)
  if (Number.isNaN(t)) throw new CliError(`${flag} takes an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z (got ${s})`)
  return new Date(t)
}
