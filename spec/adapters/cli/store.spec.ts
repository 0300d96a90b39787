// `keyledger store copy` through the real binary (bin/keyledger.js): exit status, summary, refusal message.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { populateKeys, withoutPosition } from '../../support/key-population.ts'
import { newEvents } from '../../support/store-events.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'

const bin = join(fileURLToPath(import.meta.url), '../../../../bin/keyledger.js')
const keyledger = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 })

test('store copy --help explains the URLs, resuming and the exit status', () => {
  const r = keyledger('store', 'copy', '--help')
  assert.is(r.status, 0)
  for (const text of ['--from <url>', '--to <url>', 'sqlite:/', 'esdb://', 'esdb+discover://', 'resumes', 'Exit status']) assert.ok(r.stdout.includes(text), text)
})

test('store copy copies a SQLite store into another, reports events/s and the check; a different target is refused', async () => {
  const [from, to] = [tempStoreFile(), tempStoreFile()]
  try {
    const source = await SqliteEventStore.open(from.path)
    await populateKeys(source, 3)
    const events = await source.readAll()
    await source.close()

    const ok = keyledger('store', 'copy', '--from', `sqlite:${from.path}`, '--to', to.path)
    assert.is(ok.status, 0, ok.stderr)
    assert.match(ok.stdout, new RegExp(`copied ${events.length} events \\(0 already in the target\\) of 9 streams in [\\d.]+ s: \\d+ events/s`))
    assert.match(ok.stdout, 'verified: the last hash of all 9 streams recomputes and matches')
    const target = await SqliteEventStore.open(to.path)
    assert.equal((await target.readAll()).map(withoutPosition), events.map(withoutPosition))
    await target.append(events[0]!.streamId, 'any', newEvents(1)) // the target moves on: no longer a prefix
    await target.close()

    const refused = keyledger('store', 'copy', '--from', from.path, '--to', `sqlite:${to.path}`)
    assert.is(refused.status, 1)
    assert.match(refused.stderr, `refusing to copy ${events[0]!.streamId}: the target holds`)
    assert.is(refused.stdout, '')

    const missing = keyledger('store', 'copy', '--from', `${from.path}.missing`, '--to', to.path)
    assert.is(missing.status, 1)
    assert.match(missing.stderr, 'no SQLite file at')
  } finally {
    from.remove()
    to.remove()
  }
})

test.run()
