import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import pino from 'pino'
import { startApp } from '../../../composition/app.ts'
import { SqliteEventStore } from '../../../adapters/store/sqlite/index.ts'
import { recomputeChain } from '../../../adapters/store/copy-verify.ts'
import { signedSdkRequest } from '../../../scripts/bench/lib/sdk-request.ts'
import { callApi, ApiError } from '../../../scripts/bench/lib/api.ts'
import { startLoadClient } from '../../../scripts/bench/lib/load.ts'
import { appendUsageHistory } from '../../../scripts/bench/lib/history.ts'
import { Results } from '../../../scripts/bench/lib/results.ts'
import { newPlaintext, setUpTarget, workloadsFor } from '../../../scripts/bench/lib/workloads.ts'
import { $kms, kmsClient } from '../../support/sdk-clients.ts'
import { KEY_A, startTestServer, testConfig } from '../../support/api-server.ts'

// The pieces of `npm run bench` (scripts/bench, README "Performance"): its requests are the SDK's, the server
// accepts them, the load client counts answers, the big history is a valid chain the server serves, and a run
// writes results.json in the documented shape. No timing is asserted: performance lives in the bench itself.

const REPO = join(import.meta.dirname, '..', '..', '..')

test('the bench signs a request byte for byte as the official SDK 1.2.0 does (query order, encoding, headers, signature)', async () => {
  // given the real SDK sending Encrypt to a server that records what it receives
  let seen: { url: string; headers: IncomingHttpHeaders; method: string } | undefined
  const capture = createServer((req, res) => {
    seen = { url: req.url ?? '', headers: req.headers, method: req.method ?? '' }
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ KeyId: 'k', KeyVersionId: 'v', CiphertextBlob: 'AA==', RequestId: 'r' }))
  })
  await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r))
  const port = (capture.address() as { port: number }).port
  const key = { id: 'benchAccessKeyId', secret: 'benchAccessKeySecret-0123456789' }
  const plaintext = randomBytes(32).toString('base64')
  try {
    await kmsClient(port, key).encrypt(new $kms['EncryptRequest']!({ keyId: 'key-0123456789abcdef', plaintext }))
  } finally {
    capture.close()
  }
  assert.ok(seen, 'the SDK sent nothing')
  // when the bench signs the same call with the SDK's nonce and timestamp
  const q = new URL(seen.url, 'http://x').searchParams
  const mine = signedSdkRequest(`127.0.0.1:${port}`, key, 'Encrypt', { KeyId: 'key-0123456789abcdef', Plaintext: plaintext },
    { now: new Date(q.get('Timestamp')!), nonce: q.get('SignatureNonce')! })
  // then method, path with query and the headers the SDK sets are identical
  assert.is(mine.method, seen.method)
  assert.is(mine.path, seen.url)
  for (const [name, value] of Object.entries(mine.headers)) assert.is(seen.headers[name], value, name)
})

test('given a running server, every bench workload signed by the bench is accepted, and a wrong secret is refused', async () => {
  const app = await startTestServer()
  const url = `http://127.0.0.1:${app.api.port}`
  try {
    const plaintext = newPlaintext()
    const keys = await setUpTarget(url, KEY_A, plaintext)
    assert.equal(keys.notes, [])
    const w = workloadsFor(keys, plaintext)
    assert.equal(w.sign.map((s) => s.name), ['AsymmetricSign RSA_2048', 'AsymmetricSign EC_P256'])
    for (const workload of [w.describe, ...w.symmetric, ...w.sign]) {
      const body = await callApi(url, KEY_A, workload.action, workload.params)
      assert.type(body['RequestId'], 'string', workload.name)
    }
    assert.is((await callApi(url, KEY_A, 'Decrypt', w.symmetric[1]!.params))['Plaintext'], plaintext)
    try {
      await callApi(url, { id: KEY_A.id, secret: 'not-the-secret' }, 'DescribeKey', w.describe.params)
      assert.unreachable('a wrong secret was accepted')
    } catch (e) {
      assert.instance(e, ApiError)
      assert.match((e as Error).message, /SignatureDoesNotMatch|IncompleteSignature/)
    }
  } finally {
    await app.close()
  }
})

test('the load client (autocannon, a fresh nonce per request) gets only 2xx answers and reports latency', async () => {
  const app = await startTestServer()
  const load = startLoadClient()
  try {
    const url = `http://127.0.0.1:${app.api.port}`
    const plaintext = newPlaintext()
    const w = workloadsFor(await setUpTarget(url, KEY_A, plaintext), plaintext)
    const r = await load.run({ url, connections: 4, seconds: 1, key: KEY_A, action: 'Encrypt', params: w.symmetric[0]!.params })
    assert.ok(r.ok > 4, `only ${r.ok} answers`)
    assert.is(r.non2xx, 0, 'a request was refused (a reused nonce would be SignatureNonceUsed)')
    assert.is(r.errors, 0)
    assert.ok(r.p99Ms >= r.p50Ms)
  } finally {
    await load.close()
    await app.close()
  }
})

test('the bulk history copies a real ActionInvoked with fresh ids into a sealed chain that the server then serves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-history-'))
  const config = testConfig({ dataDir: dir, store: { type: 'sqlite' } })
  const opts = { logger: pino({ level: 'silent' }), env: { ...process.env, KMS_ROOT_KEY: randomBytes(32).toString('base64') } }
  try {
    // given a key whose stream holds one Encrypt's record, written by the server
    let app = await startApp(config, opts)
    let url = `http://127.0.0.1:${app.api.port}`
    const plaintext = newPlaintext()
    const keyId = (await setUpTarget(url, KEY_A, plaintext)).aesKeyId
    await app.close()
    // when 2,500 copies are appended through the store port
    const built = await appendUsageHistory(join(dir, 'events.sqlite'), keyId, 2500)
    assert.is(built.events, 2500)
    // then the stream is one valid chain, every copy has its own event and request id, and the same fields
    const store = await SqliteEventStore.open(join(dir, 'events.sqlite'))
    const events = await store.readStream(`keyusage-${keyId}`)
    await store.close()
    assert.is(events.length, 2501)
    assert.ok('lastHash' in recomputeChain(events), JSON.stringify(recomputeChain(events)))
    const [template, ...copies] = events
    assert.is(new Set(events.map((e) => e.eventId)).size, 2501)
    // as the server makes them (adapters/ids.ts): time-ordered UUIDs, whose time part never goes back in the log
    const copyIds = copies.map((e) => e.eventId)
    assert.ok(copyIds.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(id)), 'copies carry version-7 event ids')
    const times = copyIds.map((id) => id.slice(0, 13))
    assert.equal([...times].sort(), times)
    const requestIds = new Set(events.map((e) => e.metadata.requestId))
    assert.is(requestIds.size, 2501)
    for (const c of [copies[0]!, copies[2499]!]) {
      assert.equal(Object.keys(c.data as object).sort(), Object.keys(template!.data as object).sort())
      assert.equal(Object.keys(c.metadata).sort(), Object.keys(template!.metadata).sort())
      assert.ok(!JSON.stringify(c).includes(template!.metadata.requestId), 'a copy still names the template\'s request')
    }
    // and the server starts on it and records the next call after the copies
    app = await startApp(config, opts)
    url = `http://127.0.0.1:${app.api.port}`
    await callApi(url, KEY_A, 'Encrypt', { KeyId: keyId, Plaintext: plaintext })
    await app.close()
    const after = await SqliteEventStore.open(join(dir, 'events.sqlite'))
    const grown = await after.readStream(`keyusage-${keyId}`, 2501)
    await after.close()
    assert.is(grown.length, 1)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a bench run prints one table and writes results.json in the documented shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-results-'))
  const out = join(dir, 'results.json')
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/index.ts', 'crypto', 'flat', '--quick', '--history', '300', '--seconds', '1', '--rounds', '1', '--out', out],
      { cwd: REPO, encoding: 'utf8', timeout: 240_000 })
    assert.is(r.status, 0, r.stderr)
    assert.is(r.stdout.match(/┌/g)?.length, 1, 'more than one table')
    assert.match(r.stdout, /Flat cost/)
    const decoded = Results.decode(JSON.parse(readFileSync(out, 'utf8')))
    assert.ok(E.isRight(decoded), 'results.json does not decode')
    if (E.isLeft(decoded)) return
    const res = decoded.right
    assert.is(res.quick, true)
    assert.ok(res.machine.cores >= 1 && res.machine.node === process.version && res.machine.cpuModel.length > 0)
    assert.equal(res.rows.map((x) => x.section), ['flat', 'flat', 'crypto', 'crypto', 'crypto'])
    assert.is(res.flat?.historyEvents, 300)
    assert.ok((res.flat?.rssMiB.fresh ?? 0) > 0 && (res.flat?.rssMiB.history ?? 0) > 0)
    assert.ok((res.flat?.build.foldSeconds ?? 0) > 0, 'the fold start (setup) is timed apart from the measured restart')
    for (const row of res.rows) assert.type(row.ratio, 'number', row.name)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test.run()
