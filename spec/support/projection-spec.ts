import * as assert from 'uvu/assert'
import type { RecordedEvent } from '../../domain/kernel/envelope.ts'
import type { Row } from '../../projections/rows.ts'
import { planBatch } from '../../projections/runner.ts'
import type { View } from '../../projections/view.ts'
import { SqliteReadStore } from '../../adapters/readstore/sqlite.ts'

// The projection harness (docs/architecture.md §13): given events (each on its stream, in store order), then the
// rows one of the view's tables holds. The events go through the runner's own planner (decoding, checkpoints)
// into the real SQLite read store, in memory, so the rows are what `serve` would show.

export interface Fact {
  readonly streamId: string
  readonly type: string
  readonly data: unknown
  /** When the event happened (metadata.occurredAt); T0 plus its position in seconds by default. */
  readonly at?: string
}

const T0 = Date.parse('2026-01-01T00:00:00.000Z')

export const projectionSpec = (view: View) => ({
  given: (...facts: Fact[]) => {
    const revisions = new Map<string, number>()
    const events: RecordedEvent[] = facts.map((f, i) => {
      const revision = revisions.get(f.streamId) ?? 0
      revisions.set(f.streamId, revision + 1)
      return {
        streamId: f.streamId, revision, position: i + 1, eventId: `event-${i + 1}`, type: f.type, data: f.data,
        metadata: {
          principal: 'acs:ram::1234567890123456:root', requestId: `req-${i + 1}`, occurredAt: f.at ?? new Date(T0 + (i + 1) * 1000).toISOString(),
          correlationId: `req-${i + 1}`, causationId: `req-${i + 1}`, schemaVersion: 1, prevHash: '', hash: '',
        },
      }
    })
    return {
      /** The table's rows, ordered by `orderBy` (its primary key by default). */
      then: (table: string, expected: readonly Row[], orderBy?: readonly string[]): void => {
        const spec = view.tables.find((t) => t.name === table)
        if (!spec) return assert.unreachable(`${view.name} has no table ${table}`)
        const store = SqliteReadStore.open(':memory:')
        try {
          store.install(view)
          const plan = planBatch([view], store.checkpoints(), events)
          assert.equal(plan.problems, [], 'every given event decodes')
          store.apply(plan)
          const rows = store.prepare(`SELECT * FROM ${table} ORDER BY ${(orderBy ?? spec.primaryKey).join(', ')}`).all()
          assert.equal(rows, expected)
        } finally {
          store.close()
        }
      },
    }
  },
})
