import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import { callsIn, evolve, initialState, type KeyState } from '../../domain/key/index.ts'
import { decodeRecorded, type DecodeProblem } from '../projected-event.ts'

// Reports are pure functions over folded key states and usage. The fold reads the events alone, so any report
// can be evaluated "as of" a past instant: only events with occurredAt ≤ at count (docs/architecture.md §1, compliance).

export interface KeyUsageFacts {
  readonly calls: number
  readonly lastCallAt: string | null
  /** Calls (any outcome) while the key was Disabled, and the last of them. */
  readonly callsWhileDisabled: number
  readonly lastCallWhileDisabled: string | null
  /** Last call per algorithm named by the call (`RSAES_OAEP_SHA_1`, …). */
  readonly algorithms: Readonly<Record<string, string>>
}

export interface ReportInput {
  readonly at: Date
  readonly keys: readonly KeyState[]
  readonly usage: ReadonlyMap<string, KeyUsageFacts>
  /** When each key that is Disabled at `at` became so. */
  readonly disabledSince: ReadonlyMap<string, string>
  /** Events that did not decode: a report over a store with problems says so. */
  readonly problems: readonly DecodeProblem[]
}

const noUsage: KeyUsageFacts = { calls: 0, lastCallAt: null, callsWhileDisabled: 0, lastCallWhileDisabled: null, algorithms: {} }

export const usageOf = (input: ReportInput, keyId: string): KeyUsageFacts => input.usage.get(keyId) ?? noUsage

export const foldReportInput = (events: readonly RecordedEvent[], at: Date): ReportInput => {
  const fold = new ReportFold(at)
  fold.add(events)
  return fold.result()
}

/**
 * The fold of foldReportInput, fed in pieces: each key's events must come in store order (its lifecycle and
 * usage streams merged by position); keys are independent, so they may come one after another. GetComplianceReport
 * feeds it a page at a time and lets other requests run between pages (docs/architecture.md §7 "Reports").
 */
export class ReportFold {
  private readonly keys = new Map<string, KeyState>()
  private readonly usage = new Map<string, KeyUsageFacts>()
  private readonly disabledSince = new Map<string, string>()
  private readonly problems: DecodeProblem[] = []
  private readonly limit: number

  constructor(private readonly at: Date) {
    this.limit = at.getTime()
  }

  add(events: Iterable<RecordedEvent>): void {
    for (const r of events) this.one(r)
  }

  result(): ReportInput {
    return { at: this.at, keys: [...this.keys.values()].filter((k) => k.created), usage: this.usage, disabledSince: this.disabledSince, problems: this.problems }
  }

  private one(r: RecordedEvent): void {
    const { keys, usage, disabledSince } = this
    if (Date.parse(r.metadata.occurredAt) > this.limit) return
    const d = decodeRecorded(r)
    if (E.isLeft(d)) {
      this.problems.push(d.left)
      return
    }
    const p = d.right
    if (p.kind === 'key') {
      const id = p.event.data.keyId
      const next = evolve(keys.get(id) ?? initialState, p.event)
      if (next.status === 'Disabled' && keys.get(id)?.status !== 'Disabled') disabledSince.set(id, p.metadata.occurredAt)
      if (next.status !== 'Disabled') disabledSince.delete(id)
      keys.set(id, next)
    } else if (p.kind === 'usage') {
      const u = p.event.data
      const before = usage.get(u.keyId) ?? noUsage
      // By when the call happened: a call recorded after the key was disabled may have been made before.
      const since = disabledSince.get(u.keyId)
      const disabled = keys.get(u.keyId)?.status === 'Disabled' && since !== undefined && u.at >= since
      const n = callsIn(u)
      const last = u.lastAt ?? u.at
      usage.set(u.keyId, {
        calls: before.calls + n,
        lastCallAt: later(before.lastCallAt, last),
        callsWhileDisabled: before.callsWhileDisabled + (disabled ? n : 0),
        lastCallWhileDisabled: disabled ? later(before.lastCallWhileDisabled, last) : before.lastCallWhileDisabled,
        algorithms: u.algorithm ? { ...before.algorithms, [u.algorithm]: later(before.algorithms[u.algorithm] ?? null, u.at) } : before.algorithms,
      })
    }
  }
}

const later = (a: string | null, b: string): string => (a === null || b > a ? b : a)
