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

test('issue 11: given a journal written before it (keyed table `nonces`), when opened, then its nonces are still refused material and the old table is gone', () => {
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

test.run()
