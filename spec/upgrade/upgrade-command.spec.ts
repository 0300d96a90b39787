import { test } from 'uvu'
import * as assert from 'uvu/assert'
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { serveExpectingRefusal } from '../support/server-process.ts'

// Issue 19 #3: every database records its schema version; `keyledger upgrade` reports (--check) and upgrades a
// 0.1.0 data dir after taking a backup; a data dir newer than this build is refused, by upgrade and by serve,
// with a message naming the file and exit 3. The data itself is kept: audit verify passes afterwards.

const FIXTURE = 'spec/fixtures/data-dirs/0.1.0/data-dir'
const base = mkdtempSync(join(tmpdir(), 'keyledger-upgrade-'))
const copy = (name: string): string => {
  const dir = join(base, name)
  cpSync(FIXTURE, dir, { recursive: true })
  chmodSync(dir, 0o700)
  for (const f of ['root.key', 'bootstrap-access-key.json']) chmodSync(join(dir, f), 0o600)
  return dir
}
const { KMS_ROOT_KEY: _unset, ...env } = process.env
const keyledger = (...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv], { env, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const pragma = (file: string, name: string): number => {
  const db = new Database(file, { readonly: true })
  try { return db.pragma(name, { simple: true }) as number } finally { db.close() }
}
const digest = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]))

test('--check on the 0.1.0 data dir names what would change and writes nothing', () => {
  const dir = copy('check')
  const before = digest(dir)
  const r = keyledger('upgrade', '--check', '--data-dir', dir)
  assert.is(r.code, 0, r.err)
  assert.match(r.out, 'vault.sqlite: schema 0, this keyledger 1: to upgrade')
  // events.sqlite schema 2 adds the audit tree (docs/verifiable-log.md), built from the events on upgrade
  assert.match(r.out, 'events.sqlite: schema 1, this keyledger 2: to upgrade')
  assert.match(r.out, 'would upgrade: events.sqlite, vault.sqlite, access-keys.sqlite, readstore.sqlite (after a backup)')
  assert.equal(digest(dir), before)
})

test('upgrade takes a backup first, stamps every database, keeps every event; a second run has nothing to do', () => {
  const dir = copy('upgrade')
  const backup = join(base, 'before.tar.gz')
  const r = keyledger('upgrade', '--data-dir', dir, '--backup-out', backup)
  assert.is(r.code, 0, r.err)
  assert.match(r.out, `backup taken first: ${backup}`)
  assert.ok(readdirSync(base).includes('before.tar.gz'))
  for (const [file, id] of [['vault.sqlite', 'KLDV'], ['access-keys.sqlite', 'KLDA'], ['readstore.sqlite', 'KLDR']] as const) {
    assert.is(pragma(join(dir, file), 'user_version'), 1, file)
    assert.is(pragma(join(dir, file), 'application_id'), Buffer.from(id).readUInt32BE(0), file)
  }
  assert.match(keyledger('upgrade', '--data-dir', dir).out, 'nothing to upgrade')
  const v = keyledger('audit', 'verify', '--data-dir', dir)
  assert.is(v.code, 0, v.out + v.err)
})

test('a database newer than this build: upgrade and serve refuse it (exit 3) naming the file; nothing is changed', async () => {
  const dir = copy('newer')
  const db = new Database(join(dir, 'vault.sqlite'))
  db.pragma('user_version = 7')
  db.close()
  const before = digest(dir)
  const u = keyledger('upgrade', '--data-dir', dir)
  assert.is(u.code, 3, u.err)
  assert.match(u.err, `DataDir.TooNew: ${join(dir, 'vault.sqlite')} is at schema 7, newer than this keyledger knows (1)`)
  assert.equal(digest(dir), before)
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>
  const s = await serveExpectingRefusal(dir, config)
  assert.is(s.code, 3, s.out)
  assert.match(s.out, `DataDir.TooNew: ${join(dir, 'vault.sqlite')} has vault schema version 7, newer than this keyledger knows (1)`)
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
