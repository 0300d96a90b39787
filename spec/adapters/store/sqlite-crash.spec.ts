import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { chainProblem } from '../../support/store-events.ts'
import { tempStoreFile } from '../../support/temp-sqlite.ts'

const KILLS = 3

/** Runs the appender child until it acknowledged some events, SIGKILLs it at a random moment, returns its acks. */
const appendUntilKilled = (path: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'spec/support/sqlite-appender.ts', path], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let killTimer: NodeJS.Timeout | undefined
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (!killTimer && out.split('\n').length > 50) killTimer = setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 400)
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('close', (_code, signal) => {
      clearTimeout(giveUp)
      if (signal !== 'SIGKILL' || !killTimer) return reject(new Error(`appender ended on its own (${signal}): ${err}`))
      // only whole lines are acknowledgements: the kill may cut the last one
      const lines = out.split('\n').slice(0, -1).filter((l) => l !== 'ready')
      resolve(lines)
    })
  })

test(`every acknowledged append survives SIGKILL (${KILLS} kills), with intact hash chains and database`, async () => {
  const file = tempStoreFile()
  const acked = new Set<string>()
  for (let k = 0; k < KILLS; k++) {
    for (const id of await appendUntilKilled(file.path)) acked.add(id)
    const store = await SqliteEventStore.open(file.path)
    const all = await store.readAll()
    const stored = new Set(all.map((e) => e.eventId))
    assert.is(stored.size, all.length, 'no event stored twice')
    const missing = [...acked].filter((id) => !stored.has(id))
    assert.equal(missing, [], `kill #${k + 1}: ${missing.length} of ${acked.size} acknowledged events missing`)
    for (const stream of new Set(all.map((e) => e.streamId)))
      assert.is(chainProblem(await store.readStream(stream)), undefined)
    await store.close()
    const db = new Database(file.path)
    assert.is(db.pragma('integrity_check', { simple: true }), 'ok')
    db.close()
  }
  assert.ok(acked.size > 100, `only ${acked.size} acknowledged events: the kills came too early to test anything`)
  file.remove()
})

test.run()
