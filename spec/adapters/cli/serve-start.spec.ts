import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { popClient } from '../../support/sdk-clients.ts'
import { serveExpectingRefusal, startServerProcess } from '../../support/server-process.ts'

// Issue 19 #4 and #5: a server starts only when it can serve. One writer per data dir (the lock file), the vault
// checked against the events, a wrong root key refused naming where it came from, "listening on" printed last,
// and each refusal with its error code and exit code (3: data dir or lock, 4: integrity).

const ACCOUNT = '1234567890123456'
const KEY = { id: 'serveStartKey', secret: 'serve-start-secret-000001' }
const base = mkdtempSync(join(tmpdir(), 'keyledger-serve-start-'))
const dataDir = join(base, 'data')
const config = {
  listen: '127.0.0.1:0', accountId: ACCOUNT, region: 'cn-hangzhou',
  instances: [{ instanceId: 'kst-hzz62ee817bvyyr5x0001', kind: 'software', default: true }],
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  store: { type: 'sqlite' },
}
mkdirSync(dataDir)
const first = await startServerProcess(dataDir, config, { LOG_LEVEL: 'info' })
const pop = popClient(first.port, KEY)
const keyId: string = (await pop.request('CreateKey', { Description: 'checked at start' }, { method: 'POST' })).KeyMetadata.KeyId

/** A copy of the stopped server's data dir, to break one way. */
const copyOf = (name: string): string => {
  const dir = join(base, name)
  cpSync(dataDir, dir, { recursive: true })
  return dir
}

test('a second serve on the same data dir exits 3 naming the holder (pid and host); the first keeps serving', async () => {
  const second = await serveExpectingRefusal(dataDir, config)
  assert.is(second.code, 3, second.out)
  assert.match(second.out, 'DataDir.Locked')
  assert.match(second.out, `pid ${first.child.pid} on ${hostname()} (serve`)
  assert.not.match(second.out, 'listening on')
  assert.is((await pop.request('DescribeKey', { KeyId: keyId }, { method: 'POST' })).KeyMetadata.KeyId, keyId)
})

test('"listening on" comes last, after the vault, the views and the scheduler; logs are JSON when not a terminal', () => {
  const log = first.log()
  const listening = log.indexOf('listening on')
  for (const earlier of ['vault: ', 'read models ready', 'scheduler started'])
    assert.ok(log.indexOf(earlier) >= 0 && log.indexOf(earlier) < listening, `${earlier} before "listening on"`)
  const stdoutLines = log.split('\n').filter((l) => l.startsWith('{'))
  assert.ok(stdoutLines.length > 0)
  for (const l of stdoutLines) assert.type(JSON.parse(l).msg, 'string')
})

test('a stopped server leaves no lock; a stale lock (dead pid) is taken over with a warning', async () => {
  assert.is(await first.stop(), 0)
  assert.not.ok(existsSync(join(dataDir, 'keyledger.lock')))
  const dead = spawnSync(process.execPath, ['-e', '0']).pid
  writeFileSync(join(dataDir, 'keyledger.lock'), JSON.stringify({ pid: dead, host: hostname(), command: 'serve', since: '2026-01-01T00:00:00.000Z' }))
  const again = await startServerProcess(dataDir, config)
  try {
    assert.match(again.log(), `DataDir.StaleLock: took over ${join(dataDir, 'keyledger.lock')} from pid ${dead}`)
  } finally {
    assert.is(await again.stop(), 0)
  }
})

test('issue 19 #2: without its vault the server refuses to start (exit 4) naming the first key version without material', async () => {
  const dir = copyOf('no-vault')
  for (const f of readdirSync(dir).filter((n) => n.startsWith('vault.sqlite'))) unlinkSync(join(dir, f))
  const r = await serveExpectingRefusal(dir, config)
  assert.is(r.code, 4, r.out)
  assert.match(r.out, 'DataDir.MissingMaterial')
  assert.match(r.out, `the first is key ${keyId} version `)
  assert.match(r.out, '--allow-missing-material')
  assert.not.match(r.out, 'listening on')
})

test('--allow-missing-material starts anyway, with a warning naming the missing material', async () => {
  const dir = copyOf('allowed')
  for (const f of readdirSync(dir).filter((n) => n.startsWith('vault.sqlite'))) unlinkSync(join(dir, f))
  const s = await startServerProcess(dir, config, {}, 30_000, ['--allow-missing-material'])
  try {
    assert.match(s.log(), 'DataDir.MissingMaterial')
    assert.match(s.log(), 'Started anyway (--allow-missing-material)')
  } finally {
    assert.is(await s.stop(), 0)
  }
})

test('a wrong root key is refused (exit 4) naming where the key came from: KMS_ROOT_KEY, or the file', async () => {
  const dir = copyOf('wrong-key')
  const byEnv = await serveExpectingRefusal(dir, config, { KMS_ROOT_KEY: Buffer.alloc(32, 9).toString('base64') })
  assert.is(byEnv.code, 4, byEnv.out)
  assert.match(byEnv.out, 'Config.WrongRootKey')
  assert.match(byEnv.out, 'the key came from KMS_ROOT_KEY')
  writeFileSync(join(dir, 'root.key'), `${Buffer.alloc(32, 9).toString('base64')}\n`, { mode: 0o600 })
  const byFile = await serveExpectingRefusal(dir, config)
  assert.is(byFile.code, 4, byFile.out)
  assert.match(byFile.out, `the key came from the root key file ${join(dir, 'root.key')}`)
})

test('a vault without its root key file is refused (exit 3); no new root key is made', async () => {
  const dir = copyOf('no-root-key')
  unlinkSync(join(dir, 'root.key'))
  const r = await serveExpectingRefusal(dir, config)
  assert.is(r.code, 3, r.out)
  assert.match(r.out, 'DataDir.RootKeyMissing')
  assert.not.ok(existsSync(join(dir, 'root.key')))
})

test.after(async () => {
  await first.stop()
  rmSync(base, { recursive: true, force: true })
})
test.run()
