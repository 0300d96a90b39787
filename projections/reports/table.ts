// Every report is a table: named columns and rows of plain values, written as a table, JSON or CSV by the CLI
// and as JSON by the HTTP action GetComplianceReport.

export type Cell = string | number | boolean | null

export interface ReportTable {
  readonly name: string
  readonly title: string
  /** The instant the report describes. */
  readonly at: string
  readonly columns: readonly string[]
  readonly rows: readonly Readonly<Record<string, Cell>>[]
  /** Caveats the reader must see (e.g. events that did not decode). */
  readonly notes: readonly string[]
}

const csvCell = (c: Cell): string => {
  const s = c === null ? '' : String(c)
  // RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never runs a cell as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export const csvOf = (columns: readonly string[], rows: readonly Readonly<Record<string, Cell>>[]): string =>
  [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(','))].join('\r\n') + '\r\n'

export const toCsv = (t: ReportTable): string => csvOf(t.columns, t.rows)
