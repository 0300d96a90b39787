import { test } from 'uvu'
import * as assert from 'uvu/assert'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NONCE_FILE, SqliteNonceJournal, TABLE } from '../../../../adapters/http/auth/nonce-journal.ts'

// Issue 11 (performance) on issue 13 item 2's journal: nonces accepted in one turn of the event loop are written
// in one transaction, at the end of the turn or when `flush` is called (the HTTP server calls it before any
// answer leaves, replay.spec.ts checks that end to end with a SIGKILL).

const rowsIn = (dir: string): number => {
  const db = new Database(join(dir, NONCE_FILE), { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${TABLE}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

test('issue 11: given nonces recorded in one turn, when flush runs, then all are on disk together (none before)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  const journal = SqliteNonceJournal.open(dir)
  try {
    for (let i = 0; i < 5; i++) journal.record({ accessKeyId: 'ak', nonce: `n${i}`, at: 1000 + i })
    assert.is(rowsIn(dir), 0, 'queued, not yet written')
    journal.flush()
    assert.is(rowsIn(dir), 5)
    assert.equal(journal.live(1003).map((n) => n.nonce), ['n3', 'n4'])
  } finally {
    journal.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 11: given nonces recorded and no flush, when the turn ends, then they are written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  const journal = SqliteNonceJournal.open(dir)
  try {
    journal.record({ accessKeyId: 'ak', nonce: 'late', at: 1 })
    await new Promise((r) => setImmediate(r))
    assert.is(rowsIn(dir), 1)
  } finally {
    journal.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 11: given nonces recorded in one turn, when answers wait with afterFlush, then none runs before the end-of-turn write and each sees every nonce on disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  const journal = SqliteNonceJournal.open(dir)
  try {
    const seen: number[] = []
    journal.record({ accessKeyId: 'ak', nonce: 'a', at: 1 })
    journal.afterFlush((fault) => seen.push(fault === undefined ? rowsIn(dir) : -1))
    journal.record({ accessKeyId: 'ak', nonce: 'b', at: 2 })
    journal.afterFlush((fault) => seen.push(fault === undefined ? rowsIn(dir) : -1))
    assert.equal(seen, [], 'no answer leaves before its nonce is written')
    await new Promise((r) => setImmediate(r))
    assert.equal(seen, [2, 2], 'both answers released by one write holding both nonces')
  } finally {
    journal.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 11: given no nonce waiting, when an answer asks afterFlush, then it runs at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  const journal = SqliteNonceJournal.open(dir)
  try {
    let ran = false
    journal.afterFlush(() => (ran = true))
    assert.ok(ran)
  } finally {
    journal.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 13 item 10 with issue 11: given a disk that refuses the journal\'s writes, when an answer that recorded no nonce waits with afterFlush, then it is released at the end of the turn (never left waiting for a write nobody starts)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  const faults: unknown[] = []
  const journal = SqliteNonceJournal.open(dir, (f) => faults.push(f))
  try {
    // given the file may not grow by a page (a real SQLITE_FULL from SQLite, as on a full disk)
    const db = (journal as unknown as { db: Database.Database }).db
    db.pragma(`max_page_count = ${String(db.pragma('page_count', { simple: true }))}`)
    for (let i = 0; i < 200; i++) journal.record({ accessKeyId: 'ak', nonce: `n${String(i)}-${'x'.repeat(64)}`, at: i })
    await new Promise((r) => setImmediate(r))
    assert.is(faults.length, 1, 'the refused write was reported as a storage fault')
    // when a refused request's answer (no nonce of its own) waits for the journal
    let released = false
    journal.afterFlush(() => (released = true))
    await new Promise((r) => setImmediate(r))
    await new Promise((r) => setImmediate(r))
    // then it leaves: the end-of-turn write was tried again (and failed again, the nonces staying queued)
    assert.ok(released, 'the answer waited for a write that was never scheduled')
    db.pragma('max_page_count = 1073741823')
  } finally {
    journal.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 11: given nonces queued, when the journal closes, then they are written first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  const journal = SqliteNonceJournal.open(dir)
  try {
    journal.record({ accessKeyId: 'ak', nonce: 'at-close', at: 1 })
  } finally {
    journal.close()
  }
  assert.is(rowsIn(dir), 1)
  rmSync(dir, { recursive: true, force: true })
})

test('issue 11: given a journal written before it (keyed table `nonces`), when opened, then its nonces are still refused material and the table is a rowid one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  try {
    // The table exactly as the journal before issue 11 created it.
    const old = new Database(join(dir, NONCE_FILE))
    old.pragma('journal_mode = WAL')
    old.exec(`CREATE TABLE nonces (access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, at INTEGER NOT NULL,
      PRIMARY KEY (access_key_id, nonce)) STRICT, WITHOUT ROWID`)
    old.exec('CREATE INDEX nonces_at ON nonces (at)')
    old.prepare('INSERT INTO nonces VALUES (?, ?, ?)').run('ak', 'before-1', 2000)
    old.prepare('INSERT INTO nonces VALUES (?, ?, ?)').run('ak', 'before-0', 1000)
    old.close()
    const journal = SqliteNonceJournal.open(dir)
    try {
      journal.record({ accessKeyId: 'ak', nonce: 'after', at: 3000 })
      journal.flush()
      assert.equal(journal.live(1500), [{ accessKeyId: 'ak', nonce: 'before-1', at: 2000 }, { accessKeyId: 'ak', nonce: 'after', at: 3000 }])
    } finally {
      journal.close()
    }
    const db = new Database(join(dir, NONCE_FILE), { readonly: true })
    try {
      assert.equal(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all(), [{ name: TABLE }])
      const { sql } = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).get(TABLE) as { sql: string }
      assert.not.match(sql, /WITHOUT ROWID/i, 'the keyed table was rebuilt as an append-only one')
      assert.is(db.pragma('user_version', { simple: true }), 2, 'stamped: schema 2 (docs/operations.md#upgrades)')
    } finally {
      db.close()
    }
    // Opened again: nothing to move, nothing lost.
    const again = SqliteNonceJournal.open(dir)
    try {
      assert.is(again.live(0).length, 3)
    } finally {
      again.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 11: given expired nonces, when pruned, then only the live ones remain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  const journal = SqliteNonceJournal.open(dir)
  try {
    for (let i = 0; i < 10; i++) journal.record({ accessKeyId: 'ak', nonce: `n${i}`, at: 1000 + i })
    journal.prune(1007)
    assert.equal(journal.live(0).map((n) => n.nonce), ['n7', 'n8', 'n9'])
  } finally {
    journal.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 11, rollback: given nonces this build journalled, when the previous build opens the file (its exact statements), then it still sees them live and can add more', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  try {
    const journal = SqliteNonceJournal.open(dir)
    journal.record({ accessKeyId: 'ak', nonce: 'captured', at: 5000 })
    journal.close()
    // The journal's open and write before issue 11: an empty journal here would accept captured requests again.
    const previous = new Database(join(dir, NONCE_FILE))
    try {
      previous.exec(`CREATE TABLE IF NOT EXISTS nonces (access_key_id TEXT NOT NULL, nonce TEXT NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (access_key_id, nonce)) STRICT, WITHOUT ROWID`)
      previous.exec('CREATE INDEX IF NOT EXISTS nonces_at ON nonces (at)')
      previous.prepare('INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)').run('ak', 'later', 6000)
      const live = previous.prepare('SELECT access_key_id, nonce, at FROM nonces WHERE at >= ? ORDER BY at').all(0)
      assert.equal(live, [{ access_key_id: 'ak', nonce: 'captured', at: 5000 }, { access_key_id: 'ak', nonce: 'later', at: 6000 }])
    } finally {
      previous.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('issue 11: given a nonce journal stamped by a newer keyledger, when opened, then it is refused naming the file (never rewritten)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-nonces-'))
  try {
    SqliteNonceJournal.open(dir).close()
    const db = new Database(join(dir, NONCE_FILE))
    db.pragma('user_version = 99')
    db.close()
    assert.throws(() => SqliteNonceJournal.open(dir), /DataDir\.TooNew: .*nonces\.sqlite.*nonce journal schema version 99/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
