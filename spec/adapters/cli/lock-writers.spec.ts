import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

// Issue 19 deliverable 4, "a lock file … taken by `serve` and by every CLI command that writes"
// (docs/operations.md#the-lock): serve-start.spec.ts shows a second serve refused and a stale lock taken over;
// here every other command that writes the data dir — projections rebuild, upgrade, restore, access-keys — is
// refused (exit 3, DataDir.Locked, naming the holder) while a live process holds the lock, and changes nothing;
// and a lock from another host is never taken over, even when its pid means nothing here. Each a real process, on
// a copy of the 0.1.0 fixture (which has something to upgrade). The holder is this spec's own process: alive,
// and not the command's.

const base = mkdtempSync(join(tmpdir(), 'keyledger-lock-writers-'))
const { KMS_ROOT_KEY: _unset, ...env } = process.env
const keyledger = (...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv], { env, encoding: 'utf8' })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}
const fixture = (name: string): string => {
  const dir = join(base, name)
  cpSync('spec/fixtures/data-dirs/0.1.0/data-dir', dir, { recursive: true })
  chmodSync(join(dir, 'root.key'), 0o600) // git keeps 0644; a root key is refused unless owner-only
  return dir
}
const holdAs = (dir: string, holder: { pid: number; host: string; command: string }): string => {
  const text = `${JSON.stringify({ ...holder, since: '2026-12-02T00:00:00.000Z' })}\n`
  writeFileSync(join(dir, 'keyledger.lock'), text)
  return text
}
const snapshot = (dir: string) => readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n)).toString('base64')])

test('given a live serve holding the lock, when projections rebuild or upgrade runs, then it exits 3 naming the holder and changes nothing', () => {
  const dir = fixture('served')
  holdAs(dir, { pid: process.pid, host: hostname(), command: 'serve' })
  const before = snapshot(dir)
  for (const argv of [['projections', 'rebuild'], ['upgrade', '--backup-out', join(base, 'upgrade-backup.tar.gz')]]) {
    const r = keyledger(...argv, '--data-dir', dir)
    assert.is(r.code, 3, `${argv.join(' ')}: ${r.out}`)
    assert.match(r.out, `DataDir.Locked: the data dir is in use by pid ${process.pid} on ${hostname()} (serve`, argv.join(' '))
    assert.equal(snapshot(dir), before, `${argv.join(' ')} changed the data dir`)
  }
})

test('given an empty target dir held by a live restore, when another restore runs into it, then it exits 3 and leaves only the lock', () => {
  const archive = join(base, 'fixture.tar.gz')
  const b = keyledger('backup', '--data-dir', fixture('to-back-up'), '--out', archive)
  assert.is(b.code, 0, b.out)
  const target = join(base, 'target')
  mkdirSync(target)
  const lock = holdAs(target, { pid: process.pid, host: hostname(), command: 'restore' })
  const r = keyledger('restore', archive, '--data-dir', target)
  assert.is(r.code, 3, r.out)
  assert.match(r.out, `DataDir.Locked: the data dir is in use by pid ${process.pid} on ${hostname()} (restore`)
  assert.equal(readdirSync(target), ['keyledger.lock'])
  assert.is(readFileSync(join(target, 'keyledger.lock'), 'utf8'), lock)
})

test('given a live upgrade holding the lock (not a server), when access-keys create runs, then it waits for no one: exit 3', () => {
  const dir = fixture('upgrading')
  holdAs(dir, { pid: process.pid, host: hostname(), command: 'upgrade' })
  const before = snapshot(dir)
  const r = keyledger('access-keys', 'create', '--principal', 'acs:ram::1234567890123456:root', '--data-dir', dir)
  assert.is(r.code, 3, r.out)
  assert.match(r.out, `DataDir.Locked: the data dir is in use by pid ${process.pid} on ${hostname()} (upgrade`)
  assert.equal(snapshot(dir), before)
})

test('given a lock from another host, when a writer runs, then it is never taken over (its pid means nothing here)', () => {
  const dir = fixture('other-host')
  const lock = holdAs(dir, { pid: 999_999_999, host: 'other-host.example', command: 'serve' })
  const r = keyledger('projections', 'rebuild', '--data-dir', dir)
  assert.is(r.code, 3, r.out)
  assert.match(r.out, 'DataDir.Locked: the data dir is locked by pid 999999999 on other-host.example (serve')
  assert.match(r.out, 'another host: stop it there')
  assert.is(readFileSync(join(dir, 'keyledger.lock'), 'utf8'), lock)
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
