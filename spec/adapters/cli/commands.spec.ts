import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../../adapters/cli/main.ts'
import type { CliContext } from '../../../adapters/cli/context.ts'
import { SqliteReadStore } from '../../../adapters/readstore/sqlite.ts'
import { ProjectionRunner } from '../../../adapters/readstore/runner.ts'
import { allViews } from '../../../projections/views/index.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { T0, World, at } from '../../support/projection-world.ts'
import { truncateStream } from '../../support/tamper.ts'

// The commands as a user runs them: argv in, text and exit code out, the data directory's stores opened
// through the context (the memory store here; the SQLite store once it is wired in composition/event-store.ts).

const cli = (store: MemoryEventStore, now = new Date(at(T0, 200))) => {
  const out: string[] = []
  const err: string[] = []
  // Each command closes the store it opened; the spec's memory store must outlive them all.
  const ctx: CliContext = { openEventStore: async () => Object.assign(Object.create(store) as MemoryEventStore, { close: async () => undefined }), out: (s) => out.push(s), err: (s) => err.push(s), now: () => now, progress: false }
  return { run: (...argv: string[]) => runCli(argv, ctx), out, err }
}

const setup = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-cli-'))
  const store = new MemoryEventStore()
  const w = new World(store)
  const keyId = await w.createKey(T0, { rotation: { enabled: false, intervalSeconds: null } })
  await w.run(keyId, { type: 'DisableKey', now: at(T0, 10) })
  await w.call(keyId, at(T0, 11), { outcome: 'denied' })
  return { dir, store, w, keyId, done: async () => { await w.close(); rmSync(dir, { recursive: true, force: true }) } }
}

test('keyledger report NAME --format json|csv|table', async () => {
  const s = await setup()
  const c = cli(s.store)
  assert.is(await c.run('report', 'no-rotation', '--data-dir', s.dir, '--format', 'json'), 0)
  const json = JSON.parse(c.out[0]!) as { rows: { KeyId: string }[] }
  assert.equal(json.rows.map((r) => r.KeyId), [s.keyId])
  assert.is(await c.run('report', 'disabled-still-called', '--data-dir', s.dir, '--format', 'csv'), 0)
  assert.is(c.out[1]!.split('\r\n')[0], 'KeyId,KeySpec,DisabledSince,CallsSinceDisabled,LastCallTime')
  assert.match(c.out[1]!, s.keyId)
  assert.is(await c.run('report', 'inventory', '--data-dir', s.dir, '--at', at(T0, 5)), 0)
  assert.match(c.out[2]!, 'Keys per key spec (as of 2026-01-06T00:00:00.000Z)')
  assert.is(await c.run('report', 'unused', '--data-dir', s.dir, '--days', '30', '--format', 'json'), 0)
  assert.is(await c.run('report', 'missing-tags', '--data-dir', s.dir, '--require-tag', 'owner,env', '--format', 'json'), 0)
  assert.equal((JSON.parse(c.out[4]!) as { rows: { MissingTags: string }[] }).rows[0]!.MissingTags, 'owner,env')
  await s.done()
})

test('a bad report name or --at is a usage error with exit code 2', async () => {
  const s = await setup()
  const c = cli(s.store)
  assert.is(await c.run('report', 'nope', '--data-dir', s.dir), 2)
  assert.match(c.err.join('\n'), 'ReportName')
  assert.is(await c.run('report', 'inventory', '--data-dir', s.dir, '--at', 'yesterday'), 2)
  await s.done()
})

test('keyledger audit history / state / verify', async () => {
  const s = await setup()
  const c = cli(s.store)
  assert.is(await c.run('audit', 'history', s.keyId, '--data-dir', s.dir), 0)
  assert.match(c.out[0]!, 'KeyDisabled')
  assert.is(await c.run('audit', 'state', s.keyId, '--at', at(T0, 5), '--data-dir', s.dir, '--format', 'json'), 0)
  assert.is((JSON.parse(c.out[1]!) as { state: { KeyState: string } }).state.KeyState, 'Enabled')
  assert.is(await c.run('audit', 'verify', '--data-dir', s.dir), 0)
  assert.match(c.out[2]!, 'no anchor')
  await s.done()
})

test('keyledger audit verify compares with the read store anchor in the data dir and exits 1 on a break', async () => {
  const s = await setup()
  const rs = SqliteReadStore.open(join(s.dir, 'readstore.sqlite'))
  const runner = new ProjectionRunner({ store: s.store, readStore: rs, views: allViews })
  runner.start()
  assert.ok(await runner.waitFor(await s.store.headPosition()))
  await runner.stop()
  rs.close()
  truncateStream(s.store, `key-${s.keyId}`, 1)
  const c = cli(s.store)
  assert.is(await c.run('audit', 'verify', s.keyId, '--data-dir', s.dir), 1)
  assert.match(c.out[0]!, 'truncated')
  assert.is(await c.run('audit', 'verify', s.keyId, '--data-dir', s.dir, '--no-anchor'), 0)
  await s.done()
})

test('keyledger projections rebuild [VIEW] reports events and events/s', async () => {
  const s = await setup()
  const c = cli(s.store)
  assert.is(await c.run('projections', 'rebuild', '--data-dir', s.dir), 0)
  assert.match(c.out[0]!, /rebuilt key-catalogue, key-usage, stream-heads, key-policies: 3 events in [\d.]+ s \(\d+ events\/s\)/)
  assert.is(await c.run('projections', 'rebuild', 'key-usage', '--data-dir', s.dir), 0)
  assert.match(c.out[1]!, 'rebuilt key-usage:')
  assert.is(await c.run('projections', 'rebuild', 'nope', '--data-dir', s.dir), 2)
  await s.done()
})

test.run()
