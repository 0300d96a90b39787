import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../../domain/errors.ts'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { foldReportInput, type ReportInput } from './inputs.ts'
import { REPORTS, sortRows, type ReportOptions } from './key-reports.ts'
import type { ReportTable } from './table.ts'

export * from './table.ts'
export { ReportFold, type ReportInput } from './inputs.ts'
export { REPORTS, LEGACY_ALGORITHMS, LEGACY_SPECS, rotatable, type ReportOptions } from './key-reports.ts'

export const REPORT_NAMES = Object.keys(REPORTS)

export interface ComplianceReportOptions extends ReportOptions {
  /** The store's events in global order (`readAll()`); reports fold them, so they need no read model. */
  readonly events: readonly RecordedEvent[]
  /** Evaluate as of this instant (events with occurredAt ≤ at); defaults to `now`. */
  readonly at?: Date
  readonly now: Date
}

/** GetComplianceReport and `keyledger report NAME`: one report, now or as of a past instant. */
export const complianceReport = (name: string, options: ComplianceReportOptions): E.Either<KmsError, ReportTable> => {
  const checked = checkReportRequest(name, options)
  if (E.isLeft(checked)) return checked
  return E.right(reportTable(name, foldReportInput(options.events, options.at ?? options.now), options))
}

/** The report's name and options, checked before any event is read. */
export const checkReportRequest = (name: string, options: ReportOptions): E.Either<KmsError, void> => {
  // Own names only: `__proto__` or `toString` must not find Object.prototype's members (issue 20, finding 3).
  if (!Object.hasOwn(REPORTS, name)) return E.left(invalidParameter('ReportName', `one of ${REPORT_NAMES.join(', ')}`))
  if (name === 'missing-tags' && !options.requireTags?.length)
    return E.left(invalidParameter('RequireTags', 'name the tag keys every key must carry'))
  if (options.days !== undefined && !(Number.isInteger(options.days) && options.days > 0))
    return E.left(invalidParameter('Days', 'a whole number of days above 0'))
  return E.right(undefined)
}

/** The table of a checked report (checkReportRequest) over a folded input (ReportFold). */
export const reportTable = (name: string, input: ReportInput, options: ReportOptions): ReportTable => {
  const def = REPORTS[name]!
  return {
    name,
    title: name === 'unused' ? `Keys unused for ${options.days ?? 90} days` : def.title,
    at: input.at.toISOString(),
    columns: def.columns,
    rows: sortRows(name, def.rows(input, options)),
    notes: input.problems.map((p) => `event ${p.streamId}@${p.revision} (${p.type}) does not decode and was left out: ${p.reason}`),
  }
}
