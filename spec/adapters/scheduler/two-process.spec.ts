import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { aliasStreamId } from '../../../domain/alias/alias.ts'
import { KeyService } from '../../../application/key-service.ts'
import { randomIds } from '../../../adapters/ids.ts'
import { ACCOUNT, REGION, right, softwareKey } from '../../support/scheduler-world.ts'

// The real deployment: several server processes share one SQLite file (docs/architecture.md §8, §9), each running the
// scheduler. Two processes, real timers, a run every second, rotation intervals counted in seconds
// (KMS_ROTATION_UNIT=second, tests only): a 7d key rotates every 7 seconds. About 17 s of wall time.

const RUN_MS = 16_500

// The children stop at an absolute instant counted from the keys' creation, not RUN_MS after their own start:
// on a loaded machine a child can take seconds to start, and a run measured from then saw a third period.
const child = (path: string, dataDir: string, stopAt: number, node: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'spec/support/scheduler-process.ts', path, dataDir, String(stopAt), node], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.stderr.on('data', (d) => (out += d))
    p.on('close', (code) => resolve({ code, out }))
  })

test('two scheduler processes on one SQLite file rotate once per period and delete once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-two-process-'))
  const path = join(dir, 'events.sqlite')
  const store = await SqliteEventStore.open(path)
  const keys = new KeyService(store, randomIds)
  const root = `acs:ram::${ACCOUNT}:root`
  // given a key whose 7-day window was scheduled so that it ends 4 s from now, with an alias
  const start = Date.now()
  const windowStart = new Date(start - 7 * 86_400_000 + 4000)
  const doomed = right(await keys.createKey(softwareKey(null), { principal: root, requestId: 'r1', now: windowStart })).state.keyId
  right(await keys.alias({ type: 'CreateAlias', alias: 'alias/doomed', keyId: doomed, accountId: ACCOUNT, region: REGION }, { principal: root, requestId: 'r2', now: windowStart }))
  right(await keys.execute(doomed, { type: 'ScheduleKeyDeletion', now: windowStart.toISOString(), pendingWindowInDays: 7 }, { principal: root, requestId: 'r3', now: windowStart }))
  // and a key rotating every 7 "days" counted in seconds
  const rotating = right(await keys.createKey(softwareKey({ enabled: true, intervalSeconds: 7 * 86_400 }), { principal: root, requestId: 'r4', now: new Date(start) })).state.keyId
  // when two processes run the scheduler for 16.5 s
  const [a, b] = await Promise.all([child(path, dir, start + RUN_MS, 'a'), child(path, dir, start + RUN_MS, 'b')])
  assert.is(a.code, 0, a.out)
  assert.is(b.code, 0, b.out)
  // then two rotations (at ~7 s and ~14 s), each at least 7 s after the last: one per period
  const rotations = (await store.readStream(`key-${rotating}`)).filter((e) => e.type === 'VersionRotated')
  assert.is(rotations.length, 2)
  let last = start
  for (const r of rotations) {
    const at = Date.parse(r.metadata.occurredAt)
    assert.ok(at - last >= 7000 && at - last < 9000, `rotation ${r.metadata.occurredAt} one period after ${new Date(last).toISOString()}`)
    last = at
  }
  // and one KeyDeleted, not before the window's end, and one alias release
  const deleted = (await store.readStream(`key-${doomed}`)).filter((e) => e.type === 'KeyDeleted')
  assert.is(deleted.length, 1)
  assert.ok(Date.parse(deleted[0]!.metadata.occurredAt) >= start + 4000)
  assert.equal((await store.readStream(aliasStreamId(ACCOUNT, REGION, 'alias/doomed'))).map((e) => e.type), ['AliasCreated', 'AliasDeleted'])
  // and both processes ran (each wrote its runs to the log)
  assert.match(a.out, 'rotateDueKeys')
  assert.match(b.out, 'rotateDueKeys')
  await store.close()
})

test.run()
