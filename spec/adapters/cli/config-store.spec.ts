import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultCliContext, runCli } from '../../../adapters/cli/main.ts'
import { openEsdbEventStore } from '../../../adapters/store/esdb/index.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { startEsdbDouble } from '../../support/esdb-double/index.ts'
import { T0, World } from '../../support/projection-world.ts'

// audit, report and projections read the events where the server keeps them: with --config, the file's
// `store` (SQLite at another path, or EventStoreDB) and `dataDir` (the read store), as serve reads them.

const cli = () => {
  const out: string[] = []
  const err: string[] = []
  const ctx = { ...defaultCliContext(), out: (s: string) => out.push(s), err: (s: string) => err.push(s), progress: false }
  return { run: (...argv: string[]) => runCli(argv, ctx), out, err }
}

test('--config: the file\'s SQLite store (not in the data dir) and dataDir are the ones read', async () => {
  // given a server configuration whose events are outside its data dir
  const base = mkdtempSync(join(tmpdir(), 'kl-cli-config-'))
  try {
    const dataDir = join(base, 'data')
    mkdirSync(dataDir)
    const path = join(base, 'elsewhere.sqlite')
    const w = new World(await SqliteEventStore.open(path))
    const keyId = await w.createKey(T0)
    await w.close()
    const config = join(base, 'config.json')
    writeFileSync(config, JSON.stringify({ dataDir, store: { type: 'sqlite', path } }))
    const c = cli()
    // when the commands are given the configuration
    assert.is(await c.run('audit', 'history', keyId, '--config', config, '--format', 'json'), 0, c.err.join('\n'))
    assert.equal(JSON.parse(c.out[0]!).map((e: { type: string }) => e.type), ['KeyCreated'])
    assert.is(await c.run('report', 'inventory', '--config', config, '--format', 'json'), 0, c.err.join('\n'))
    assert.is(await c.run('projections', 'rebuild', '--config', config), 0, c.err.join('\n'))
    assert.ok(existsSync(join(dataDir, 'readstore.sqlite')), 'the read store is the config\'s dataDir\'s')
    assert.is(await c.run('audit', 'verify', '--config', config), 0, c.err.join('\n'))
    // without it, the data dir alone has no events: the command says so
    assert.is(await c.run('audit', 'history', keyId, '--data-dir', dataDir), 3) // issue 19 #5: exit 3, the path named
    assert.match(c.err.join('\n'), 'no event store')
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
})

test('--config: an EventStoreDB store in the file is read (over KMS_EVENT_STORE)', async () => {
  const double = await startEsdbDouble()
  const base = mkdtempSync(join(tmpdir(), 'kl-cli-config-'))
  try {
    const w = new World(await openEsdbEventStore(double.connectionString))
    const keyId = await w.createKey(T0)
    await w.close()
    const config = join(base, 'config.json')
    writeFileSync(config, JSON.stringify({ dataDir: base, store: { type: 'esdb', url: double.connectionString } }))
    const c = cli()
    assert.is(await c.run('audit', 'history', keyId, '--config', config, '--format', 'json'), 0, c.err.join('\n'))
    assert.equal(JSON.parse(c.out[0]!).map((e: { type: string }) => e.type), ['KeyCreated'])
  } finally {
    rmSync(base, { recursive: true, force: true })
    await double.stop()
  }
})

test.run()
