import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { newEvent } from '../../support/store-events.ts'

// Issue 19 #3 / deliverable 5, "a CLI that never invents state", for every command that takes a data dir, each a
// real process: a mistyped --data-dir is DataDir.Missing (exit 3) naming the path, and nothing is created; on the
// data dir of a server whose root key comes from KMS_ROOT_KEY, a command run without it names the missing root
// key and never writes a root.key of its own beside the server's data. Before, the verifiable log's commands
// (`audit public-key` and the commands that sign or check with the audit key) made the directory, a new root.key
// and an audit key, and `instances check` made the directory, an account id and a bootstrap access key.

const base = mkdtempSync(join(tmpdir(), 'keyledger-never-invents-'))
const { KMS_ROOT_KEY: _unset, ...env } = process.env
const keyledger = (...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/keyledger.js', ...argv], { env, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const COMMANDS: readonly (readonly string[])[] = [
  ['audit', 'public-key'],
  ['audit', 'checkpoint'],
  ['audit', 'prove', 'k1'],
  ['audit', 'verify', '--checkpoint', join(base, 'none.checkpoint')],
  ['audit', 'history', 'k1'],
  ['audit', 'verify'],
  ['instances', 'check'],
  ['jobs', 'status'],
  ['report', 'inventory'],
  ['projections', 'rebuild'],
  ['access-keys', 'list'],
  ['backup', '--out', join(base, 'b.tar.gz')],
  ['upgrade', '--check'],
  ['root-key', 'status'],
]

test('given a mistyped --data-dir, when any command runs, then it exits 3 naming the path and creates nothing', () => {
  const typo = join(base, 'dta')
  for (const argv of COMMANDS) {
    const r = keyledger(...argv, '--data-dir', typo)
    assert.is(r.code, 3, `${argv.join(' ')}: ${r.out}${r.err}`)
    assert.match(r.err, `DataDir.Missing: no data dir at ${typo}`, argv.join(' '))
    assert.not.ok(existsSync(typo), `${argv.join(' ')} created ${typo}`)
  }
})

test('given the data dir of a server whose root key is KMS_ROOT_KEY, when the audit-key commands run without it, then they name the missing root.key and write none', async () => {
  const dir = join(base, 'env-keyed')
  mkdirSync(dir) // the server's data dir, its root key given to it as KMS_ROOT_KEY
  const store = await SqliteEventStore.open(join(dir, 'events.sqlite'))
  await store.append('key-k1', 'no_stream', [newEvent('KeyCreated', { keyId: 'k1' })])
  await store.close()
  const before = readdirSync(dir).sort()
  for (const argv of COMMANDS.slice(0, 4)) {
    const r = keyledger(...argv, '--data-dir', dir)
    assert.is(r.code, 3, `${argv.join(' ')}: ${r.out}${r.err}`)
    assert.match(r.err, `DataDir.FileMissing: no root key at ${join(dir, 'root.key')}`, argv.join(' '))
    assert.equal(readdirSync(dir).sort(), before, `${argv.join(' ')} wrote into the data dir`)
  }
})

test.after(() => rmSync(base, { recursive: true, force: true }))
test.run()
