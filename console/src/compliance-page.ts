import { list, str } from './api.ts'
import type { App } from './app.ts'
import { download, errorBox, field, h, replace, select } from './dom.ts'
import { t } from './i18n.ts'

// The compliance page: the reports of `keyledger report` through GetComplianceReport, as of now or a chosen
// date, shown as a table and downloadable as CSV (RFC 4180 quoting).

const REPORTS = ['inventory', 'no-rotation', 'rotation-overdue', 'no-deletion-protection', 'pending-deletion', 'disabled-still-called',
  'unused', 'cross-account', 'missing-tags', 'weak-specs'] as const

export const csvOf = (columns: readonly string[], rows: readonly Record<string, unknown>[]): string => {
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : str(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n'
}

export const compliancePage = (app: App, root: HTMLElement): void => {
  const name = select('report', REPORTS.map((r) => [r, t(`report.${r}`)] as const), 'inventory')
  const at = h('input', { name: 'at', type: 'datetime-local' })
  const days = h('input', { name: 'days', type: 'number', min: '1', max: '3660', placeholder: '90' })
  const requireTags = h('input', { name: 'requireTags', placeholder: 'owner,env' })
  const out = h('div', { class: 'report' })
  const run = async () => {
    replace(out, t('loading'))
    const p: Record<string, string> = { ReportName: name.value }
    if (at.value) p['At'] = new Date(at.value).toISOString()
    if (days.value) p['Days'] = days.value
    if (requireTags.value.trim()) p['RequireTags'] = requireTags.value.trim()
    try {
      const r = await app.call('GetComplianceReport', p)
      const columns = list<string>(r, 'Columns', 'Column')
      const rows = list<Record<string, unknown>>(r, 'Rows', 'Row')
      const notes = list<string>(r, 'Notes', 'Note')
      replace(out,
        h('h2', {}, str(r['Title'] ?? name.value)), h('p', {}, t('asOf'), ' ', str(r['At'] ?? ''), ' · ', t('rows', str(r['TotalCount'] ?? rows.length))),
        h('button', { 'data-test': 'download-csv', onclick: () => download(`${name.value}-${str(r['At'] ?? 'now').replace(/[:]/g, '')}.csv`, csvOf(columns, rows), 'text/csv') }, t('downloadCsv')),
        h('table', { 'data-test': 'report-table' }, h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', {}, c)))),
          h('tbody', {}, ...rows.map((row) => h('tr', {}, ...columns.map((c) => h('td', {}, str(row[c] ?? ''))))))),
        ...notes.map((n) => h('p', { class: 'hint' }, n)))
    } catch (err) { replace(out, errorBox(err)) }
  }
  replace(root, h('section', { class: 'compliance-page' }, h('h1', {}, t('compliance')),
    h('div', { class: 'toolbar' }, field(t('report'), name), field(t('asOfDate'), at, t('asOfHint')), field(t('days'), days), field(t('requireTags'), requireTags),
      h('button', { class: 'primary', 'data-test': 'run-report', onclick: () => void run() }, t('runReport'))), out))
}
