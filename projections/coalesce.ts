import type { Merge, Row, RowOp, SqlValue, TableSpec } from './rows.ts'

// One batch of events becomes one transaction of row operations (runner.ts); a hot key's calls in that batch all
// upsert the same few rows (its usage counters and last-call times, its usage stream's head). Merged here first,
// a batch of n calls on one key writes each row once instead of n times (issue 11: the read models' share of an
// audited call). The merge is the one SQLite's upsert applies (adapters/readstore/sqlite.ts `mergeExpr`), and it
// is associative, so merging two upserts and applying the result gives the row that applying both in turn gives.
// Only what is provably the same is merged: same table, same primary key values, same columns and merge rules,
// values whose comparison JavaScript and SQLite agree on; any other operation on the table keeps its place.

/** `stored` merged with `next` as SQLite's upsert would, or `undefined` when this function cannot be sure of it. */
const mergeValue = (how: Merge, stored: SqlValue, next: SqlValue): SqlValue | undefined => {
  if (how === 'replace') return next
  if (how === 'add') return typeof stored === 'number' && typeof next === 'number' && Number.isSafeInteger(stored + next) ? stored + next : undefined
  // NULL never wins (sqlite.ts): a NULL stored takes the new value, a NULL new value keeps the stored one.
  if (stored === null) return next
  if (next === null) return stored
  if (typeof stored !== typeof next || !comparable(stored) || !comparable(next)) return undefined
  return (how === 'max' ? next > stored : next < stored) ? next : stored
}

/**
 * JavaScript compares strings by UTF-16 code unit, SQLite (BINARY) by UTF-8 byte: they agree unless a string has
 * a surrogate or a code unit above them. Numbers: finite ones (SQLite has no NaN).
 */
const comparable = (v: string | number): boolean => (typeof v === 'number' ? Number.isFinite(v) : !/[\uD800-\uFFFF]/.test(v))

const mergeRows = (a: Row, b: Row, cols: readonly string[], primaryKey: readonly string[], merge: Readonly<Record<string, Merge>> | undefined): Row | undefined => {
  const out: Record<string, SqlValue> = {}
  for (const c of cols) {
    const v = primaryKey.includes(c) ? (a[c] ?? null) : mergeValue(merge?.[c] ?? 'replace', a[c] ?? null, b[c] ?? null)
    if (v === undefined) return undefined
    out[c] = v
  }
  return out
}

interface Pending {
  readonly index: number
  readonly signature: string
}

/**
 * Which row an upsert writes: its table and primary key values, each typed (1 and '1' differ) and
 * length-prefixed (callers name services and resources: no value can pass for two).
 */
const rowKeyOf = (table: string, row: Row, primaryKey: readonly string[]): string => {
  let key = table
  for (const c of primaryKey) {
    const v = String(row[c] ?? null)
    key += `\u0000${typeof row[c]}:${v.length}:${v}`
  }
  return key
}

/** The upsert's shape: its columns in order and how each merges. Only upserts of one shape merge. */
const signatureOf = (row: Row, merge: Readonly<Record<string, Merge>> | undefined): string => {
  let sig = ''
  for (const c in row) sig += `${c},`
  sig += '|'
  if (merge) for (const c in merge) sig += `${c}=${merge[c]},`
  return sig
}

/**
 * The view's operations for one batch, with the upserts to one row merged into the first of them. The result
 * applied in order leaves the tables as `ops` applied in order would.
 */
export const coalesceUpserts = (ops: readonly RowOp[], tables: readonly TableSpec[]): RowOp[] => {
  if (ops.length < 2) return [...ops]
  const out: RowOp[] = []
  // By row (table and primary key values): the upsert still open for merging.
  const open = new Map<string, Pending>()
  for (const op of ops) {
    const spec = op.op === 'upsert' ? tables.find((t) => t.name === op.table) : undefined
    if (op.op !== 'upsert' || !spec) {
      // an update or delete may touch any row of its table: nothing merges across it
      for (const k of open.keys()) if (k.startsWith(`${op.table}\u0000`)) open.delete(k)
      out.push(op)
      continue
    }
    const rowKey = rowKeyOf(op.table, op.row, spec.primaryKey)
    const signature = signatureOf(op.row, op.merge)
    const pending = open.get(rowKey)
    if (pending && pending.signature === signature) {
      const first = out[pending.index] as Extract<RowOp, { op: 'upsert' }>
      const row = mergeRows(first.row, op.row, Object.keys(op.row), spec.primaryKey, op.merge)
      if (row) {
        out[pending.index] = { ...first, row }
        continue
      }
    }
    // Another shape of upsert on the row (or values not merged here) ends the open one: later ones merge into this.
    open.set(rowKey, { index: out.length, signature })
    out.push(op)
  }
  return out
}
