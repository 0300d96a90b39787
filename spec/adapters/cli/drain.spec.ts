import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import Database from 'better-sqlite3'
import { signedQuery } from '../../support/signed-request.ts'
import { $kms, kmsClient } from '../../support/sdk-clients.ts'
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts'

// Issue 13 item 9, "graceful drain on SIGTERM under load" (docs/operations.md "Drain"): a real `keyledger serve`
// under a stream of signed Encrypt calls (the official SDK) is sent SIGTERM. Every call answered 200 has its
// ActionInvoked record in the store after a restart; no call gets an answer other than 200 or the documented
// refusal (503 ServiceUnavailableTemporary) — a refused connection after the listener closed is fine; calls in
// flight at the signal are answered; the process exits 0 within the drain bound.

const KEY = { id: 'drainAccessKeyId0001', secret: 'drain-access-key-secret-0001' }
const DRAIN_MS = 5_000
const config = {
  listen: '127.0.0.1:0', accountId: '1234567890123456', store: { type: 'sqlite' },
  accessKeys: [{ accessKeyId: KEY.id, accessKeySecret: KEY.secret }],
  http: { drainTimeoutMs: DRAIN_MS },
}

test('SIGTERM under a stream of Encrypt calls: in-flight calls answered and audited, later ones refused with 503 or a closed connection, exit 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-drain-'))
  let running: ServerProcess | undefined
  try {
    const server = (running = await startServerProcess(dataDir, config))
    const kms = kmsClient(server.port, KEY, { readTimeout: 60_000 })
    const keyId = (await kms.createKey(new $kms['CreateKeyRequest']!({}))).keyMetadata.keyId as string
    const answered: string[] = []
    const refusals: string[] = []
    const unexpected: string[] = []
    let exited = false
    let signalledAt = 0
    const exit = new Promise<number | null>((resolve) => server.child.on('exit', (code) => ((exited = true), resolve(code))))
    const loop = async () => {
      while (!exited) {
        try {
          const r = await kms.encrypt(new $kms['EncryptRequest']!({ keyId, plaintext: Buffer.from('drain me').toString('base64') }))
          answered.push(r.requestId as string)
          if (answered.length === 30 && signalledAt === 0) {
            signalledAt = Date.now()
            server.child.kill('SIGTERM')
          }
        } catch (e) {
          const err = e as { data?: Record<string, unknown>; code?: string; message?: string }
          if (err.data !== undefined) {
            if (err.data['Code'] === 'ServiceUnavailableTemporary') refusals.push(err.data['Code'])
            else unexpected.push(JSON.stringify(err.data))
          } else if (signalledAt === 0) unexpected.push(`before the signal: ${err.message}`)
          else await new Promise((r) => setTimeout(r, 20)) // the listener is closed or the connection was: refused
        }
      }
    }
    await Promise.all(Array.from({ length: 6 }, loop))
    const code = await exit
    const took = Date.now() - signalledAt
    assert.is(code, 0, `exit 0 after SIGTERM; log:\n${server.log().slice(-3000)}`)
    assert.equal(unexpected, [], 'no answer but 200 and the documented 503 refusal')
    assert.ok(took < DRAIN_MS + 20_000, `stopped within the drain bound (took ${took} ms)`)
    const lines = server.log().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
    assert.ok(lines.some((l) => l['msg'] === 'stopping'), 'the server logged "stopping"')
    // Whether one of the other five calls is still in flight when the signal is handled is up to the scheduler (CI
    // once answered all five before the handler ran), so "a call in flight is answered, not cut" is pinned
    // deterministically by the next test, whose request is held half-sent across the signal.

    // After a restart, every 200 has its ActionInvoked record.
    const again = await startServerProcess(dataDir, config)
    assert.is(await again.stop(), 0)
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true })
    const audited = new Set((db.prepare(`SELECT json_extract(data, '$.requestId') AS id FROM events WHERE type = 'ActionInvoked'`).all() as { id: string }[]).map((r) => r.id))
    db.close()
    const missing = answered.filter((id) => !audited.has(id))
    assert.equal(missing, [], `every 200 audited (${answered.length} answered, ${refusals.length} refused with 503)`)
  } finally {
    await running?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('a request whose headers arrived before SIGTERM and whose body arrives after it is answered 200, not cut', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-drain-slow-'))
  let running: ServerProcess | undefined
  try {
    const server = (running = await startServerProcess(dataDir, config))
    const kms = kmsClient(server.port, KEY)
    const keyId = (await kms.createKey(new $kms['CreateKeyRequest']!({}))).keyMetadata.keyId as string
    const body = signedQuery(KEY, { Action: 'Encrypt', KeyId: keyId, Plaintext: Buffer.from('slow').toString('base64') })
    const exit = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)))
    const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers: {
        'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }))
      })
      req.on('error', reject)
      req.write(body.slice(0, 20))
      // The headers are in once the server logs nothing new is needed: give it a moment, then signal, then finish.
      setTimeout(() => {
        server.child.kill('SIGTERM')
        setTimeout(() => req.end(body.slice(20)), 1_000)
      }, 1_000)
    })
    const got = await answer
    assert.is(got.status, 200, JSON.stringify(got.body))
    assert.type(got.body['CiphertextBlob'], 'string')
    assert.is(await exit, 0)
  } finally {
    await running?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('a drain timeout bounds the stop: a request that never finishes is cut and the process exits 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-drain-bound-'))
  const config = { listen: '127.0.0.1:0', accountId: '1234567890123456', store: { type: 'sqlite' }, http: { drainTimeoutMs: 1_000 } }
  let running: ServerProcess | undefined
  try {
    const server = (running = await startServerProcess(dataDir, config))
    const exit = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)))
    const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers: { 'content-length': 1000 } })
    req.on('error', () => undefined) // cut by the server: expected
    req.write('x')
    await new Promise((r) => setTimeout(r, 1_000))
    const signalled = Date.now()
    server.child.kill('SIGTERM')
    assert.is(await exit, 0)
    const took = Date.now() - signalled
    assert.ok(took < 1_000 + 15_000, `exited after the drain timeout, not the request timeout (took ${took} ms)`)
    req.destroy()
  } finally {
    await running?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test.run()
