import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { workerCount } from '../../../adapters/cli/serve.ts'
import { signedQuery, type RawKey } from '../../support/signed-request.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { dataDirLayout } from '../../../composition/data-dir.ts'
import { bulkUsage } from '../../support/bulk-usage.ts'

// `keyledger serve --workers N` (issue 11 item 3, docs/config.md "Several workers"): N processes on one data dir
// and one port. What must stay one across them: replay protection (a nonce used on one worker is used on all) and
// the data (a key made through one worker is used through any other, its calls audited).

const KEY: RawKey = { id: 'workersAccessKeyId01', secret: 'workersAccessKeySecret-0123456789' }

const start = (dataDir: string, workers: number, logLevel = 'silent') => {
  const child = spawn(process.execPath, ['bin/keyledger.js', 'serve', '--listen', '127.0.0.1:0', '--workers', String(workers)], {
    env: { ...process.env, KMS_DATA_DIR: dataDir, LOG_LEVEL: logLevel, KMS_ROOT_ACCESS_KEY_ID: KEY.id, KMS_ROOT_ACCESS_KEY_SECRET: KEY.secret },
  })
  let out = ''
  let err = ''
  child.stderr.on('data', (d) => (err += d))
  /** Everything the process printed so far (log lines go to stdout or stderr). */
  const printed = () => out + err
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line; stderr: ${err}`)), 60_000)
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+) \((\d+) workers\)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, listening, exited, printed }
}

/** One request on its own new connection: the cluster hands each connection to the next worker in turn. */
const send = (url: string, query: string, timeoutMs = 60_000): Promise<{ status: number; body: Record<string, unknown> }> =>
  new Promise((resolve, reject) => {
    const u = new URL(url)
    const agent = new Agent({ keepAlive: false })
    const req = request({ host: u.hostname, port: u.port, method: 'POST', path: `/?${query}`, agent }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }))
    })
    req.on('error', reject)
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.end()
  })

/** The worker processes of a primary, by their KMS_WORKER_INDEX (read from /proc). */
const workersOf = (primaryPid: number): { pid: number; index: string }[] =>
  readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== primaryPid) return []
      const index = /(?:^|\0)KMS_WORKER_INDEX=(\d+)/.exec(readFileSync(`/proc/${d}/environ`, 'utf8'))?.[1]
      return index === undefined ? [] : [{ pid: Number(d), index }]
    } catch {
      return [] // the process ended while it was read
    }
  })

test('--workers and KMS_WORKERS: 1 by default, a whole number from 1 to 64', () => {
  assert.equal(workerCount(undefined, {}), E.right(1))
  assert.equal(workerCount(undefined, { KMS_WORKERS: '2' }), E.right(2))
  assert.equal(workerCount('3', { KMS_WORKERS: '2' }), E.right(3))
  for (const bad of ['0', '65', '1.5', 'two', '']) assert.ok(E.isLeft(workerCount(bad, {})), bad)
})

test('given 2 workers, a request replayed on other connections (other workers) or after a restart is refused, and a key made on one is used on all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-workers-'))
  const s = start(dir, 2)
  try {
    const url = await s.listening
    const created = await send(url, signedQuery(KEY, { Action: 'CreateKey' }))
    assert.is(created.status, 200)
    const keyId = (created.body['KeyMetadata'] as { KeyId: string }).KeyId
    // when the same signed request arrives 6 times, each on a new connection (round-robin over both workers)
    const once = signedQuery(KEY, { Action: 'DescribeKey', KeyId: keyId })
    const replies = []
    for (let i = 0; i < 6; i++) replies.push(await send(url, once))
    // then only the first is served
    assert.equal(replies.map((r) => r.status), [200, 400, 400, 400, 400, 400])
    assert.ok(replies.slice(1).every((r) => r.body['Code'] === 'SignatureNonceUsed'))
    // and every worker uses the key, each call audited in the one store
    const encrypts = await Promise.all(Array.from({ length: 8 }, () => send(url, signedQuery(KEY, { Action: 'Encrypt', KeyId: keyId, Plaintext: 'aGVsbG8=' }))))
    assert.ok(encrypts.every((r) => r.status === 200), JSON.stringify(encrypts.map((r) => r.body['Code'])))
    for (const e of encrypts) {
      const d = await send(url, signedQuery(KEY, { Action: 'Decrypt', CiphertextBlob: e.body['CiphertextBlob'] as string }))
      assert.is(d.body['Plaintext'], 'aGVsbG8=')
    }
    const listed = await send(url, signedQuery(KEY, { Action: 'ListKeys' }))
    assert.is(((listed.body['Keys'] as { Key: unknown[] }).Key).length, 1, 'read-your-writes through either worker')
    // Issue 13 item 5: each worker's report thread reads the one file. Given a history past the in-place size
    // (written by this process, as another node would), a report through either worker folds all of it.
    const store = await SqliteEventStore.open(dataDirLayout(dir).events)
    await bulkUsage(store, keyId, 'acs:ram::workers:root', 3_000)
    await store.close()
    for (let i = 0; i < 2; i++) {
      const r = await send(url, signedQuery(KEY, { Action: 'GetComplianceReport', ReportName: 'no-deletion-protection' }))
      assert.is(r.status, 200, JSON.stringify(r.body))
      const rows = (r.body['Rows'] as { Row: { KeyId: string }[] }).Row
      assert.equal(rows.map((row) => row.KeyId), [keyId])
      const unused = await send(url, signedQuery(KEY, { Action: 'GetComplianceReport', ReportName: 'unused', Days: '1' }))
      assert.equal((unused.body['Rows'] as { Row: unknown[] }).Row, [], 'the key was called: the report folded its usage')
    }
    s.child.kill('SIGTERM')
    assert.is(await s.exited, 0)
    // and after the workers restart the replay is still refused: the primary journals each nonce (nonces.sqlite)
    // before its verdict goes back (issue 11 item 3: the workers no longer write the journal themselves)
    const again = start(dir, 2)
    try {
      const replayed = await send(await again.listening, once)
      assert.is(replayed.status, 400)
      assert.is(replayed.body['Code'], 'SignatureNonceUsed')
      again.child.kill('SIGTERM')
      assert.is(await again.exited, 0)
    } finally {
      again.child.kill('SIGKILL')
    }
  } finally {
    s.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})

test('given 2 workers, when worker 1 is killed, its replacement starts no extra workers and every worker answers every call (issue 11 item 3)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-workers-'))
  const s = start(dir, 2, 'info')
  try {
    const url = await s.listening
    const created = await send(url, signedQuery(KEY, { Action: 'CreateKey' }))
    const keyId = (created.body['KeyMetadata'] as { KeyId: string }).KeyId
    const before = workersOf(s.child.pid!)
    assert.equal(before.map((w) => w.index).sort(), ['1', '2'])
    // when worker 1 is killed
    process.kill(before.find((w) => w.index === '1')!.pid, 'SIGKILL')
    // then a new worker 1 takes its place and listens (the moment the primary used to start workers 2..N again)
    for (let i = 0; !s.printed().includes('worker listening again'); i++) {
      if (i > 1200) assert.unreachable(`no replacement worker 1 listened: ${JSON.stringify(workersOf(s.child.pid!))}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    // and the primary still has exactly two workers, one of each index
    assert.equal(workersOf(s.child.pid!).map((w) => w.index).sort(), ['1', '2'])
    // and calls on new connections (round-robin over both) are all answered, each after its audit record is stored
    const replies = []
    for (let i = 0; i < 6; i++) replies.push(await send(url, signedQuery(KEY, { Action: 'Encrypt', KeyId: keyId, Plaintext: 'aGVsbG8=' }), 30_000))
    assert.equal(replies.map((r) => r.status), [200, 200, 200, 200, 200, 200])
    s.child.kill('SIGTERM')
    assert.is(await s.exited, 0)
  } finally {
    s.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
