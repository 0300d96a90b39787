import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { KeyService } from '../../../application/key-service.ts'
import { readStatusFile, statusFilePath } from '../../../adapters/scheduler/index.ts'
import { startScheduler } from '../../../composition/scheduler.ts'
import { captureLog, counterIds, right, softwareKey } from '../../support/scheduler-world.ts'

// Real timers here: the runs are started by hand, the CLI is the real `keyledger` binary reading the file.

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/keyledger.js', 'jobs', 'status', ...args], { encoding: 'utf8', env: { ...process.env, KMS_DATA_DIR: '' } })

test('the server writes each run into the data dir and `keyledger jobs status` shows next runs and what the last runs did', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-status-'))
  const store = new MemoryEventStore()
  const keys = new KeyService(store, counterIds('u'))
  // given a key created eight days ago with a 7-day rotation: due now
  const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000)
  const keyId = right(await keys.createKey(softwareKey({ enabled: true, intervalSeconds: 7 * 86_400 }),
    { principal: 'acs:ram::1234567890123456:root', requestId: 'r1', now: eightDaysAgo })).state.keyId
  const { log } = captureLog()
  const running = right(await startScheduler({ store, ids: counterIds(), log, dataDir, schedules: { expireImportedMaterial: '0 3 * * *' } }))
  try {
    // when the rotation job runs
    const report = await running.scheduler.run('rotateDueKeys')
    assert.equal(report?.done, [{ keyId, what: `rotated to version ${report!.done[0]!.what.split(' ').at(-1)}` }])
    await running.scheduler.flushed()
    // then the status file says so, with node-cron's next run for each job
    const read = await readStatusFile(statusFilePath(dataDir))
    assert.is(read.kind, 'ok')
    if (read.kind !== 'ok') return
    assert.is(read.status.running, true)
    const rotate = read.status.jobs.find((j) => j.job === 'rotateDueKeys')!
    assert.is(rotate.runs, 1)
    assert.equal(rotate.lastRun?.done.map((d) => d.keyId), [keyId])
    assert.ok(rotate.nextRun !== null && Date.parse(rotate.nextRun) > Date.now() && Date.parse(rotate.nextRun) <= Date.now() + 60_000)
    const expire = read.status.jobs.find((j) => j.job === 'expireImportedMaterial')!
    assert.is(expire.schedule, '0 3 * * *')
    assert.is(new Date(expire.nextRun!).getMinutes(), 0)
    assert.is(expire.lastRun, null)
    // and no temporary file is left behind (write, fsync, rename)
    assert.equal(readdirSync(dataDir), ['scheduler-status.json'])
    // owner-only, like the data dir's other files
    assert.is(statSync(statusFilePath(dataDir)).mode & 0o777, 0o600)
    // and the CLI shows it
    const out = cli('--data-dir', dataDir)
    assert.is(out.status, 0, out.stderr)
    assert.match(out.stdout, 'rotateDueKeys')
    assert.match(out.stdout, `${keyId}: rotated to version`)
    assert.match(out.stdout, 'not run yet')
    const json = JSON.parse(cli('--data-dir', dataDir, '--json').stdout)
    assert.is(json.jobs.length, 5) // rotateDueKeys, deleteExpiredPendingKeys, expireImportedMaterial, shredDeletedMaterial, checkpointAuditLog (listed, not started without a log)
  } finally {
    await running.stop()
  }
  // once stopped, the status says so and there is no next run
  const after = await readStatusFile(statusFilePath(dataDir))
  assert.ok(after.kind === 'ok' && !after.status.running && after.status.jobs.every((j) => j.nextRun === null))
  assert.match(cli('--data-dir', dataDir).stdout, 'stopped')
})

test('a run that fails as a whole is recorded and logged, and the next run goes on', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-status-'))
  const store = new MemoryEventStore()
  let down = true
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- the memory store's methods are own arrow properties the copy keeps
  const flaky = { ...store, readAll: (o?: Parameters<typeof store.readAll>[0]) => (down ? Promise.reject(new Error('disk I/O error')) : store.readAll(o)),
    subscribeAll: store.subscribeAll.bind(store), readStream: store.readStream.bind(store), append: store.append.bind(store),
    headPosition: store.headPosition.bind(store), close: store.close.bind(store) }
  const { log, lines } = captureLog()
  const running = right(await startScheduler({ store: flaky, ids: counterIds(), log, dataDir }))
  try {
    assert.is(await running.scheduler.run('deleteExpiredPendingKeys'), null)
    const failed = running.scheduler.status().jobs.find((j) => j.job === 'deleteExpiredPendingKeys')!
    assert.is(failed.lastError?.message, 'disk I/O error')
    // issue 19 #6: the error line names its code, what failed and what to do
    const line = lines.find((l) => l.level === 50 && l.job === 'deleteExpiredPendingKeys')
    assert.is(line?.code, 'Scheduler.RunFailed')
    assert.match(String(line?.msg), /^Scheduler\.RunFailed: scheduler: deleteExpiredPendingKeys run failed \(disk I\/O error\)\. It runs again on schedule; check/)
    down = false
    assert.ok(await running.scheduler.run('deleteExpiredPendingKeys'))
    await running.scheduler.flushed()
    const read = await readStatusFile(statusFilePath(dataDir))
    assert.ok(read.kind === 'ok' && read.status.jobs.find((j) => j.job === 'deleteExpiredPendingKeys')!.lastRun !== null)
  } finally {
    await running.stop()
  }
})

test('issue 19 #6: a run with nothing to do logs at debug; a run that did something at info', async () => {
  const store = new MemoryEventStore()
  const { log, lines } = captureLog()
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-idle-'))
  const checkpoints = { scheduled: async () => 'unchanged' as const } // the log did not grow since the last checkpoint
  const running = right(await startScheduler({ store, ids: counterIds(), log, dataDir, checkpoints }))
  try {
    // given nothing due, when every job runs, then nothing is logged at info about the runs
    for (const job of ['rotateDueKeys', 'deleteExpiredPendingKeys', 'expireImportedMaterial', 'shredDeletedMaterial', 'checkpointAuditLog'] as const) await running.scheduler.run(job)
    assert.equal(lines.filter((l) => typeof l.job === 'string'), [])
    // given a due key, the run that rotates it is logged at info
    const keys = new KeyService(store, counterIds('u'))
    right(await keys.createKey(softwareKey({ enabled: true, intervalSeconds: 7 * 86_400 }),
      { principal: 'acs:ram::1234567890123456:root', requestId: 'r1', now: new Date(Date.now() - 8 * 86_400_000) }))
    await running.scheduler.run('rotateDueKeys')
    assert.is(lines.filter((l) => l.job === 'rotateDueKeys' && l.level === 30).length, 1)
  } finally {
    await running.stop()
  }
})

test('issue 19 #6: a run where some work failed is a warning line starting with the first failure\'s code, saying what to do', async () => {
  const { log, lines } = captureLog()
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-partial-'))
  const checkpoints = { scheduled: async () => ({ checkpoint: { size: 3 }, witnessed: [{ witness: 'http https://witness.example/add', error: 'answered 503' }] }) }
  const running = right(await startScheduler({ store: new MemoryEventStore(), ids: counterIds(), log, dataDir, checkpoints }))
  try {
    await running.scheduler.run('checkpointAuditLog')
    const line = lines.find((l) => l.job === 'checkpointAuditLog')
    assert.is(line?.level, 40)
    assert.is(line?.code, 'Witness.Unreachable')
    assert.is(line?.msg, 'Witness.Unreachable: scheduler: checkpointAuditLog 1 done, 1 failed; first: audit-log: http https://witness.example/add: answered 503. ' +
      'It is tried again at the next run; keyledger jobs status names every failure')
  } finally {
    await running.stop()
  }
})

test('`jobs status` without a status file says so and fails; a bad schedule is refused at start', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'keyledger-empty-'))
  const out = cli('--data-dir', empty)
  assert.is(out.status, 3) // issue 19 #5: a missing file in the data dir is exit 3, named
  assert.match(out.stderr, `DataDir.FileMissing: no scheduler status at ${join(empty, 'scheduler-status.json')}`)
  const typo = cli('--data-dir', join(empty, 'typo'))
  assert.is(typo.status, 3)
  assert.match(typo.stderr, `DataDir.Missing: no data dir at ${join(empty, 'typo')}`)
  const { log } = captureLog()
  const refused = await startScheduler({ store: new MemoryEventStore(), ids: counterIds(), log, dataDir: tmpdir(), schedules: { rotateDueKeys: 'every minute' } })
  assert.ok(refused._tag === 'Left' && refused.left.code === 'InvalidParameter')
})

test.run()
