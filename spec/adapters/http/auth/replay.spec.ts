import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServerProcess } from '../../../support/server-process.ts'
import { KEY_A, startTestServer } from '../../../support/api-server.ts'
import { acs3Call, signedQuery } from '../../../support/signed-request.ts'

// Issue 13, item 2 (replay): nonces lived in memory only, so a signed CreateKey captured before a restart was
// accepted again after it (a second key). Now accepted nonces are journalled in <dataDir>/nonces.sqlite and
// loaded back at start (adapters/http/auth/nonce-journal.ts). And ACS3 requests are bound to the host they were
// signed for when the server lists its hosts (`auth.hosts`), so a request captured on node A fails on node B.

const KEY = { accessKeyId: 'LTAIreplaySpecKey0000001', accessKeySecret: 'replay-spec-secret-0123456789' }
const config = { listen: '127.0.0.1:0', bootstrapAccessKey: false, accessKeys: [KEY] }
const env = { KMS_ROOT_KEY: Buffer.alloc(32, 9).toString('base64') }

const post = async (url: string, query: string) => {
  const res = await fetch(`${url}/?${query}`, { method: 'POST' })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

test('item 2: a CreateKey captured before a restart is refused after it (SignatureNonceUsed); no second key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-replay-'))
  try {
    const captured = signedQuery({ id: KEY.accessKeyId, secret: KEY.accessKeySecret }, { Action: 'CreateKey' })
    const list = () => signedQuery({ id: KEY.accessKeyId, secret: KEY.accessKeySecret }, { Action: 'ListKeys' })
    let server = await startServerProcess(dir, config, env)
    const first = await post(server.url, captured)
    assert.is(first.status, 200, JSON.stringify(first.body))
    assert.is((await post(server.url, captured)).body['Code'], 'SignatureNonceUsed', 'refused before the restart')
    assert.is(await server.stop(), 0)
    server = await startServerProcess(dir, config, env)
    try {
      const replay = await post(server.url, captured)
      assert.is(replay.status, 400)
      assert.is(replay.body['Code'], 'SignatureNonceUsed')
      assert.is((await post(server.url, list())).body['TotalCount'], 1, 'still one key')
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('item 2 with issue 11 batching: the nonce of an answered request is journalled before the answer; after a SIGKILL the replay is refused', async () => {
  // Nonces are written in one transaction per turn of the event loop (nonce-journal.ts), flushed before any
  // answer leaves: a process killed without a chance to flush anything still knows every nonce it answered.
  const dir = mkdtempSync(join(tmpdir(), 'keyledger-replay-'))
  try {
    const captured = signedQuery({ id: KEY.accessKeyId, secret: KEY.accessKeySecret }, { Action: 'CreateKey' })
    let server = await startServerProcess(dir, config, env)
    assert.is((await post(server.url, captured)).status, 200)
    server.child.kill('SIGKILL')
    await server.stop()
    server = await startServerProcess(dir, config, env)
    try {
      const replay = await post(server.url, captured)
      assert.is(replay.body['Code'], 'SignatureNonceUsed', JSON.stringify(replay.body))
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('item 2: ACS3 binds host: with auth.hosts, a request signed for node A is refused on node B; its own host passes', async () => {
  const nodeB = await startTestServer({ config: { auth: { hosts: ['kms-b.internal', '127.0.0.1'] } } })
  try {
    const forA = await acs3Call(nodeB.api.url, KEY_A, 'DescribeRegions', {}, {}, { host: 'kms-a.internal:8080' })
    assert.is(forA.status, 400)
    assert.is(forA.body['Code'], 'SignatureDoesNotMatch')
    assert.match(String(forA.body['Message']), 'kms-a.internal')
    const forB = await acs3Call(nodeB.api.url, KEY_A, 'DescribeRegions', {}, {}, { host: 'KMS-B.internal:8080' })
    assert.is(forB.status, 200, JSON.stringify(forB.body))
    assert.is((await acs3Call(nodeB.api.url, KEY_A, 'DescribeRegions', {})).status, 200)
  } finally {
    await nodeB.close()
  }
})

test.run()
