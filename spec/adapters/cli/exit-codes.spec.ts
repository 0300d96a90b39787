import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultCliContext, runCli } from '../../../adapters/cli/main.ts'
import type { CliContext } from '../../../adapters/cli/context.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { EXIT, EXIT_CODE_TABLE } from '../../../adapters/operator-error.ts'
import { T0, World, at } from '../../support/projection-world.ts'
import { removeEvent } from '../../support/tamper.ts'

// Issue 19 #5: every exit code in the documented table (docs/operations.md#exit-codes), each produced by a real
// command line; and usage errors are one line and a pointer to --help, never the whole help text.

const base = mkdtempSync(join(tmpdir(), 'kl-exit-'))
const cli = (openEventStore?: CliContext['openEventStore']) => {
  const out: string[] = []
  const err: string[] = []
  const ctx: CliContext = { ...defaultCliContext(), ...(openEventStore ? { openEventStore } : {}), out: (s) => out.push(s), err: (s) => err.push(s), progress: false }
  return { run: (...argv: string[]) => runCli(argv, ctx), out, err }
}
const memory = (store: MemoryEventStore): CliContext['openEventStore'] =>
  async () => Object.assign(Object.create(store) as MemoryEventStore, { close: async () => undefined })

test('the table lists exactly the codes the CLI uses: 0 ok, 1 failure, 2 usage, 3 data dir or lock, 4 integrity', () => {
  assert.equal(EXIT_CODE_TABLE.map((r) => [r.code, r.name]), [[0, 'ok'], [1, 'failure'], [2, 'usage'], [3, 'dataDir'], [4, 'integrity']])
  assert.equal(Object.values(EXIT), [0, 1, 2, 3, 4])
})

test('0: a command that did what it was asked', async () => {
  const store = new MemoryEventStore()
  const w = new World(store)
  await w.createKey(T0, { rotation: { enabled: false, intervalSeconds: null } })
  const c = cli(memory(store))
  assert.is(await c.run('audit', 'verify', '--data-dir', base, '--no-anchor'), EXIT.ok)
  await w.close()
})

test('1: a failure of another kind (here: a history asked of a store that cannot be opened)', async () => {
  const c = cli(async () => { throw new Error('connection refused') })
  assert.is(await c.run('audit', 'verify', '--data-dir', base), EXIT.failure)
  assert.equal(c.err, ['keyledger: connection refused'])
})

test('2: usage errors are one line ending "(see --help)", not the help text', async () => {
  for (const argv of [['audit', 'verify', '--no-such-flag'], ['no-such-command'], ['report', 'nope', '--data-dir', base], ['audit', 'state', 'k']]) {
    const c = cli(memory(new MemoryEventStore()))
    assert.is(await c.run(...argv), EXIT.usage, argv.join(' '))
    assert.is(c.err.length, 1, `${argv.join(' ')}: ${c.err.join('\n')}`)
    assert.is(c.err[0]!.split('\n').length, 1)
    assert.match(c.err[0]!, /^keyledger: .*\(see --help\)$/)
  }
})

test('3: a missing data dir or store is named, with its path', async () => {
  const c = cli()
  const missing = join(base, 'typo')
  assert.is(await c.run('audit', 'verify', '--data-dir', missing), EXIT.dataDir)
  assert.equal(c.err, [`keyledger: DataDir.Missing: no data dir at ${missing}. Give the --data-dir (or --config, or KMS_DATA_DIR) of a keyledger server`])
  const d = cli()
  assert.is(await d.run('report', 'inventory', '--data-dir', base), EXIT.dataDir)
  assert.match(d.err[0]!, `DataDir.FileMissing: no event store at ${join(base, 'events.sqlite')}`)
})

test('4: an integrity failure (an event removed from a hash chain)', async () => {
  const store = new MemoryEventStore()
  const w = new World(store)
  const keyId = await w.createKey(T0, { rotation: { enabled: false, intervalSeconds: null } })
  await w.run(keyId, { type: 'DisableKey', now: at(T0, 10) })
  await w.run(keyId, { type: 'EnableKey', now: at(T0, 20) })
  removeEvent(store, `key-${keyId}`, 1)
  const c = cli(memory(store))
  assert.is(await c.run('audit', 'verify', '--data-dir', base, '--no-anchor'), EXIT.integrity)
  await w.close()
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
