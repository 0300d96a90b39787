import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../errors.ts'

// A lead time before an instant, as an ISO 8601 duration of fixed length: weeks, days, hours, minutes, seconds
// (`P7D`, `P1D`, `PT12H`, `P1W`). Months and years have no fixed length, so they are refused, not guessed.

export interface LeadTime {
  /** As configured (upper-cased), recorded in events so a reader sees the setting that made them. */
  readonly lead: string
  readonly seconds: number
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/

export const parseLeadTime = (text: string, name = 'lead time'): E.Either<KmsError, LeadTime> => {
  const lead = text.trim().toUpperCase()
  const m = DURATION.exec(lead)
  if (!m || lead === 'P' || lead.endsWith('T'))
    return E.left(invalidParameter(name, `"${text}" is not an ISO 8601 duration of weeks, days, hours, minutes or seconds (e.g. P7D, PT12H).`))
  // An absent group is undefined at run time (RegExpExecArray's element type does not say so).
  const [w, d, h, min, s] = m.slice(1).map((x: string | undefined) => Number(x ?? 0)) as [number, number, number, number, number]
  const seconds = (((w * 7 + d) * 24 + h) * 60 + min) * 60 + s
  return seconds > 0 ? E.right({ lead, seconds }) : E.left(invalidParameter(name, `"${text}" is no time at all.`))
}
