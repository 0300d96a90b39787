import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SqliteReadStore } from '../../adapters/readstore/sqlite.ts'
import { coalesceUpserts } from '../../projections/coalesce.ts'
import { remove, update, upsert, type RowOp } from '../../projections/rows.ts'
import type { View } from '../../projections/view.ts'

// Issue 11 (the read models' share of an audited call): a batch's upserts to one row are merged before the read
// store applies them, and the rows must be exactly what applying every operation in turn gives.

const view: View = {
  name: 'coalesce-spec',
  version: 1,
  tables: [
    { name: 'counters', columns: { k: 'TEXT NOT NULL', s: 'TEXT NOT NULL', n: 'INTEGER DEFAULT 0', last: 'TEXT', first: 'TEXT', label: 'TEXT' }, primaryKey: ['k', 's'] },
  ],
  project: () => [],
}
const MERGE = { n: 'add', last: 'max', first: 'min' } as const

/** The table's rows after the read store applied `ops` as one batch. */
const rowsAfter = (ops: readonly RowOp[]): unknown[] => {
  const store = SqliteReadStore.open(':memory:')
  try {
    store.install(view)
    store.apply({ views: [{ view: view.name, ops, checkpoint: 1 }], problems: [], applied: 1 })
    return store.prepare('SELECT * FROM counters ORDER BY k, s').all()
  } finally {
    store.close()
  }
}

/** Given ops, then the coalesced ops leave the rows that the ops one by one leave, in `count` operations. */
const sameRows = (ops: readonly RowOp[], count: number): void => {
  const merged = coalesceUpserts(ops, view.tables)
  assert.equal(rowsAfter(merged), rowsAfter(ops))
  assert.is(merged.length, count)
}

const call = (k: string, at: string, extra: Record<string, string | number | null> = {}): RowOp =>
  upsert('counters', { k, s: 'ecs', n: 1, last: at, first: at, ...extra }, MERGE)

test('given 50 calls on one key in a batch, then one upsert: counters add, the latest and earliest times win', () => {
  const ops = Array.from({ length: 50 }, (_, i) => call('key-1', `2026-01-01T00:00:${String(59 - i).padStart(2, '0')}.000Z`))
  sameRows(ops, 1)
  const merged = coalesceUpserts(ops, view.tables)[0]!
  assert.ok(merged.op === 'upsert')
  assert.equal(merged.row, { k: 'key-1', s: 'ecs', n: 50, last: '2026-01-01T00:00:59.000Z', first: '2026-01-01T00:00:10.000Z' })
})

test('given calls on two keys interleaved, then one upsert per key, each at its first place', () => {
  const ops = [call('a', '2026-01-01T00:00:01Z'), call('b', '2026-01-01T00:00:02Z'), call('a', '2026-01-01T00:00:03Z'), call('b', '2026-01-01T00:00:00Z')]
  sameRows(ops, 2)
  assert.equal(coalesceUpserts(ops, view.tables).map((o) => o.op === 'upsert' && o.row['k']), ['a', 'b'])
})

test('a NULL never wins a max or min, and replace takes the later value, also a NULL', () => {
  sameRows([call('a', '2026-01-01T00:00:05Z', { label: 'x' }), call('a', null as unknown as string, { last: null, first: null, label: null }),
    call('a', '2026-01-01T00:00:01Z', { label: 'y' })], 1)
  sameRows([call('a', '2026-01-01T00:00:05Z', { label: 'x' }), call('a', '2026-01-01T00:00:06Z', { label: null })], 1)
  sameRows([call('a', null as unknown as string, { last: null, first: null }), call('a', '2026-01-01T00:00:01Z')], 1)
})

test('an update or delete on the table keeps its place: nothing merges across it', () => {
  const ops = [call('a', '2026-01-01T00:00:01Z'), update('counters', { k: 'a', s: 'ecs' }, { n: 100 }), call('a', '2026-01-01T00:00:02Z'),
    remove('counters', { k: 'b', s: 'ecs' }), call('a', '2026-01-01T00:00:03Z')]
  sameRows(ops, 5)
})

test('another shape of upsert on the row ends the open one; the later calls merge into the new one', () => {
  const other = upsert('counters', { k: 'a', s: 'ecs', last: '2026-01-01T00:00:00Z' }, { last: 'replace' })
  const ops = [call('a', '2026-01-01T00:00:05Z'), other, call('a', '2026-01-01T00:00:01Z'), call('a', '2026-01-01T00:00:02Z')]
  sameRows(ops, 3)
})

test('values the merge cannot vouch for stay separate: a NULL counter, strings JavaScript and SQLite order differently', () => {
  sameRows([call('a', '2026-01-01T00:00:01Z'), call('a', '2026-01-01T00:00:02Z', { n: null })], 2)
  // U+FF21 sorts above U+1F600's surrogates in UTF-8 but below them in UTF-16
  sameRows([call('a', '\uFF21'), call('a', '\u{1F600}')], 2)
})

test('primary keys that would read alike when joined stay two rows (callers name services and resources)', () => {
  const ops = [
    upsert('counters', { k: 'x\u0000string:y', s: 'z', n: 1 }, MERGE),
    upsert('counters', { k: 'x', s: 'y\u0000string:z', n: 1 }, MERGE),
  ]
  sameRows(ops, 2)
})

test.run()
