import * as E from 'fp-ts/lib/Either.js'
import type { RecordedEvent } from '../domain/kernel/envelope.ts'
import { coalesceUpserts } from './coalesce.ts'
import { decodeRecorded, type DecodeProblem } from './projected-event.ts'
import type { RowOp } from './rows.ts'
import type { View } from './view.ts'

// The pure half of the projection runner: given the views, their checkpoints and a batch of events in global
// order, what each view must write and where its checkpoint ends. The adapter applies a plan in one
// transaction, so rows and checkpoint move together (docs/architecture.md §6).

export interface ViewPlan {
  readonly view: string
  readonly ops: readonly RowOp[]
  /** The view's checkpoint after this batch: the last global position it has seen. */
  readonly checkpoint: number
}

export interface BatchPlan {
  readonly views: readonly ViewPlan[]
  readonly problems: readonly DecodeProblem[]
  /** Events folded by at least one view (events at or below every checkpoint are redelivery). */
  readonly applied: number
}

export const planBatch = (
  views: readonly View[],
  checkpoints: ReadonlyMap<string, number>,
  events: readonly RecordedEvent[]
): BatchPlan => {
  const lowest = Math.min(...views.map((v) => checkpoints.get(v.name) ?? 0))
  const problems: DecodeProblem[] = []
  const fresh = events.filter((e) => e.position > lowest)
  const decoded = fresh.map((r) => {
    const d = decodeRecorded(r)
    if (E.isLeft(d)) problems.push(d.left)
    return { position: r.position, decoded: d }
  })
  const plans = views.map((v) => {
    const from = checkpoints.get(v.name) ?? 0
    const ops: RowOp[] = []
    let checkpoint = from
    for (const { position, decoded: d } of decoded) {
      // At-least-once delivery: an event at or below the checkpoint was already applied.
      if (position <= from) continue
      if (E.isRight(d)) ops.push(...v.project(d.right))
      checkpoint = Math.max(checkpoint, position)
    }
    // A hot key's calls in one batch upsert the same rows: written once each (coalesce.ts).
    return { view: v.name, ops: coalesceUpserts(ops, v.tables), checkpoint }
  })
  return { views: plans, problems, applied: fresh.length }
}
