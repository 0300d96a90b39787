import Database from 'better-sqlite3'
import { checkSchema, SCHEMAS } from '../data-dir/schema-version.ts'
import { ensurePrivateDatabaseFile } from '../private-file.ts'
import type { DecodeProblem } from '../../projections/projected-event.ts'
import type { BatchPlan } from '../../projections/runner.ts'
import type { Merge, Row, RowOp, SqlValue, TableSpec } from '../../projections/rows.ts'
import type { View } from '../../projections/view.ts'

// The embedded read store (docs/architecture.md §6): its own SQLite file, WAL, synchronous=NORMAL. A plan's rows and the
// checkpoints commit in one transaction, so a crash never applies an event twice or skips one. NORMAL because the
// store is derived: a power cut may lose its last commits (never half of one: WAL), which only puts its
// checkpoints back, and the runner refolds those events from the event store at start. The events themselves
// are durable before any view can see them (the event store commits with synchronous=FULL). A commit here is
// then no fsync on the server's event loop.

const CHECKPOINTS = 'projection_checkpoints'
const PROBLEMS = 'projection_problems'

const ident = (name: string): string => {
  // Names come from view definitions, never from callers; still refuse anything that is not a plain identifier.
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a SQL identifier: ${name}`)
  return `"${name}"`
}

const mergeExpr = (col: string, how: Merge): string => {
  const c = ident(col)
  switch (how) {
    case 'replace': return `excluded.${c}`
    case 'add': return `${c} + excluded.${c}`
    // NULL never wins: a NULL in the new row keeps the stored value, a NULL stored takes the new one.
    case 'max': return `CASE WHEN ${c} IS NULL OR excluded.${c} > ${c} THEN excluded.${c} ELSE ${c} END`
    case 'min': return `CASE WHEN ${c} IS NULL OR excluded.${c} < ${c} THEN excluded.${c} ELSE ${c} END`
  }
}

export interface ReadStoreOptions {
  /** SQLite page cache in MiB (default 64): more keeps large usage tables' pages in memory. */
  readonly cacheMiB?: number
}

export class SqliteReadStore {
  readonly db: Database.Database
  private readonly statements = new Map<string, Database.Statement>()
  private readonly tables = new Map<string, TableSpec>()

  private constructor(path: string, options: ReadStoreOptions) {
    ensurePrivateDatabaseFile(path)
    this.db = new Database(path)
    try {
      checkSchema(this.db, path, SCHEMAS.readStore)
    } catch (e) {
      this.db.close()
      throw e
    }
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    // Several server processes (serve --workers) share the file: a writer waits for another's commit.
    this.db.pragma('busy_timeout = 5000')
    // Lookups touch few pages, but at a million events the default 2 MB cache keeps evicting the upper B-tree.
    this.db.pragma(`cache_size = -${Math.round((options.cacheMiB ?? 64) * 1024)}`)
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (view TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL)`)
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${PROBLEMS} (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, reason TEXT NOT NULL)`)
  }

  /** Opens (or creates) the read store at `path`; `:memory:` for specs. */
  static open(path: string, options: ReadStoreOptions = {}): SqliteReadStore {
    return new SqliteReadStore(path, options)
  }

  /**
   * Creates the view's tables. A view whose stored version differs (its fold or tables changed) is dropped
   * and starts again from position 0; returns true when that happened.
   */
  install(view: View): boolean {
    for (const t of view.tables) this.tables.set(t.name, t)
    const row = this.db.prepare(`SELECT version FROM ${CHECKPOINTS} WHERE view = ?`).get(view.name) as { version: number } | undefined
    const stale = row !== undefined && row.version !== view.version
    this.db.transaction(() => {
      if (stale) this.dropTables(view)
      for (const t of view.tables) this.createTable(t)
      if (row === undefined || stale)
        this.db.prepare(`INSERT OR REPLACE INTO ${CHECKPOINTS} (view, position, version) VALUES (?, 0, ?)`).run(view.name, view.version)
    })()
    return stale
  }

  /** Drops the view's rows and sets its checkpoint back to 0, in one transaction. */
  reset(view: View): void {
    this.db.transaction(() => {
      this.dropTables(view)
      for (const t of view.tables) this.createTable(t)
      this.db.prepare(`INSERT OR REPLACE INTO ${CHECKPOINTS} (view, position, version) VALUES (?, 0, ?)`).run(view.name, view.version)
    })()
  }

  checkpoints(): Map<string, number> {
    const rows = this.statement('c|all', () => `SELECT view, position FROM ${CHECKPOINTS}`).all() as { view: string; position: number }[]
    return new Map(rows.map((r) => [r.view, r.position]))
  }

  /** Applies a plan: every view's rows, its checkpoint, and the decode problems, atomically. */
  apply(plan: BatchPlan): void {
    this.db.transaction(() => this.write(plan))()
  }

  /**
   * Plans from the checkpoints read under the write lock, then applies, in one transaction: when several server
   * processes (serve --workers) feed one read store, an event another process applied meanwhile is skipped,
   * never applied twice.
   */
  applyPlanned(plan: (checkpoints: ReadonlyMap<string, number>) => BatchPlan): BatchPlan {
    return this.db.transaction(() => {
      const planned = plan(this.checkpoints())
      this.write(planned)
      return planned
    }).immediate()
  }

  private write(plan: BatchPlan): void {
    for (const v of plan.views) {
      for (const op of v.ops) this.run(op)
      this.statement('c|set', () => `UPDATE ${CHECKPOINTS} SET position = ? WHERE view = ? AND position < ?`).run(v.checkpoint, v.view, v.checkpoint)
    }
    for (const p of plan.problems)
      this.db.prepare(`INSERT OR REPLACE INTO ${PROBLEMS} (position, stream_id, revision, type, reason) VALUES (?, ?, ?, ?, ?)`)
        .run(p.position, p.streamId, p.revision, p.type, p.reason)
  }

  /** A prepared statement, kept for reuse (queries run the same few statements all day). */
  prepare(sql: string): Database.Statement {
    return this.statement(`q|${sql}`, () => sql)
  }

  problems(): DecodeProblem[] {
    return this.db.prepare(`SELECT position, stream_id AS streamId, revision, type, reason FROM ${PROBLEMS} ORDER BY position`).all() as DecodeProblem[]
  }

  close(): void {
    this.db.close()
  }

  // WITHOUT ROWID: rows are stored in primary-key order, so one key's usage rows sit on the same pages and a
  // lookup is one B-tree descent instead of index + rowid (association queries stayed flat with volume only so).
  private createTable(t: TableSpec): void {
    const cols = Object.entries(t.columns).map(([c, decl]) => `${ident(c)} ${decl}`)
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${ident(t.name)} (${cols.join(', ')}, PRIMARY KEY (${t.primaryKey.map(ident).join(', ')})) WITHOUT ROWID`)
    for (const idx of t.indexes ?? [])
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${ident(`${t.name}_${idx.join('_')}`)} ON ${ident(t.name)} (${idx.map(ident).join(', ')})`)
  }

  private dropTables(view: View): void {
    for (const t of view.tables) this.db.exec(`DROP TABLE IF EXISTS ${ident(t.name)}`)
    this.statements.clear()
  }

  private run(op: RowOp): void {
    switch (op.op) {
      case 'upsert': {
        const cols = Object.keys(op.row)
        const spec = this.tables.get(op.table)
        if (!spec) throw new Error(`no view installed owns table ${op.table}`)
        const sig = `u|${op.table}|${cols.join(',')}|${JSON.stringify(op.merge ?? {})}`
        const stmt = this.statement(sig, () => {
          const rest = cols.filter((c) => !spec.primaryKey.includes(c))
          const set = rest.map((c) => `${ident(c)} = ${mergeExpr(c, op.merge?.[c] ?? 'replace')}`)
          return `INSERT INTO ${ident(op.table)} (${cols.map(ident).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})` +
            ` ON CONFLICT (${spec.primaryKey.map(ident).join(', ')}) DO ${set.length ? `UPDATE SET ${set.join(', ')}` : 'NOTHING'}`
        })
        stmt.run(...values(op.row, cols))
        return
      }
      case 'update': {
        const set = Object.keys(op.set)
        const where = Object.keys(op.where)
        const stmt = this.statement(`p|${op.table}|${set.join(',')}|${where.join(',')}`, () =>
          `UPDATE ${ident(op.table)} SET ${set.map((c) => `${ident(c)} = ?`).join(', ')} WHERE ${where.map((c) => `${ident(c)} = ?`).join(' AND ')}`)
        stmt.run(...values(op.set, set), ...values(op.where, where))
        return
      }
      case 'delete': {
        const where = Object.keys(op.where)
        const stmt = this.statement(`d|${op.table}|${where.join(',')}`, () =>
          `DELETE FROM ${ident(op.table)} WHERE ${where.map((c) => `${ident(c)} = ?`).join(' AND ')}`)
        stmt.run(...values(op.where, where))
      }
    }
  }

  private statement(sig: string, sql: () => string): Database.Statement {
    let s = this.statements.get(sig)
    if (!s) {
      s = this.db.prepare(sql())
      this.statements.set(sig, s)
    }
    return s
  }
}

const values = (row: Row, cols: readonly string[]): SqlValue[] => cols.map((c) => row[c] ?? null)
