import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { startApp, type App } from '../../../composition/app.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import type { EventStore } from '../../../domain/ports/event-store.ts'
import { KEY_A, KEY_B, testConfig } from '../../support/api-server.ts'
import { acs3Call, call, signedQuery } from '../../support/signed-request.ts'
import { popClient } from '../../support/sdk-clients.ts'

// Issue 17, item 2 (docs/http-api.md "Idempotent writes"): a writing call with a ClientToken (or the
// x-keyledger-idempotency-key header) runs once per caller and token for 24 hours. The official SDK 1.2.0 has no
// ClientToken field, so these are raw signed requests (spec/support/signed-request.ts), each with its own nonce.

const dataDir = mkdtempSync(join(tmpdir(), 'keyledger-idem-'))
const start = () => startApp(testConfig({ dataDir, store: { type: 'sqlite' } }), { logger: pino({ level: 'silent' }) })
let app: App = await start()
const base = () => `http://127.0.0.1:${app.api.port}`
const createKey = (params: Record<string, string>, headers: Record<string, string> = {}) => call(base(), KEY_A, { Action: 'CreateKey', ...params }, {}, headers)
const keyCount = async () => Number((await call(base(), KEY_A, { Action: 'ListKeys', PageSize: '100' })).body['TotalCount'])
const keyIdOf = (body: Record<string, unknown>) => (body['KeyMetadata'] as { KeyId: string }).KeyId

/** Sends a signed CreateKey and drops the connection once it is sent, before any answer: the answer is lost. */
const sendAndDrop = (params: Record<string, string>): Promise<void> => new Promise((resolve) => {
  const req = httpRequest({ host: '127.0.0.1', port: app.api.port, method: 'POST', path: `/?${signedQuery(KEY_A, { Action: 'CreateKey', ...params })}` })
  req.on('error', () => resolve())
  req.end(() => {
    req.destroy()
    resolve()
  })
})

const until = async (check: () => Promise<boolean>, ms: number) => {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return false
}

test('issue 17 item 2: a CreateKey whose answer is lost, retried with its ClientToken, makes one key; every retry returns the first answer', async () => {
  const before = await keyCount()
  await sendAndDrop({ ClientToken: 'lost-1', Description: 'lost answer' })
  // generous: on a loaded CI machine the dropped request may take a while to be served
  assert.ok(await until(async () => (await keyCount()) === before + 1, 30_000), 'the dropped request made its key')
  const head = await app.store.headPosition()
  const retry = await createKey({ ClientToken: 'lost-1', Description: 'lost answer' })
  const again = await createKey({ ClientToken: 'lost-1', Description: 'lost answer' })
  assert.is(retry.status, 200)
  assert.equal([keyIdOf(again.body), again.body['RequestId']], [keyIdOf(retry.body), retry.body['RequestId']])
  assert.is(await app.store.headPosition(), head, 'a retry appends nothing')
  assert.is(await keyCount(), before + 1)
})

test('issue 17 item 2: ten concurrent requests with one token race to one key and one answer', async () => {
  const before = await keyCount()
  const replies = await Promise.all(Array.from({ length: 10 }, () => createKey({ ClientToken: 'race-1', KeySpec: 'Aliyun_AES_256' })))
  assert.equal(replies.map((r) => r.status), Array(10).fill(200))
  assert.is(new Set(replies.map((r) => keyIdOf(r.body))).size, 1)
  assert.is(new Set(replies.map((r) => r.body['RequestId'])).size, 1)
  assert.is(await keyCount(), before + 1)
})

test('issue 17 item 2: through the official pop-core client, ClientToken as a parameter: the retry gets the first KeyId and RequestId', async () => {
  const pop = popClient(app.api.port, KEY_A)
  const before = await keyCount()
  const first = await pop.request('CreateKey', { ClientToken: 'pop-1', Description: 'pop' }, { method: 'POST' })
  const retry = await pop.request('CreateKey', { ClientToken: 'pop-1', Description: 'pop' }, { method: 'POST' })
  assert.equal([retry.KeyMetadata.KeyId, retry.RequestId], [first.KeyMetadata.KeyId, first.RequestId])
  assert.is(await keyCount(), before + 1)
})

test('issue 17 item 2: the same token with other parameters is a 409 IdempotentParameterMismatch; another caller\'s token is its own', async () => {
  const first = await createKey({ ClientToken: 'mismatch-1', Description: 'a' })
  const other = await createKey({ ClientToken: 'mismatch-1', Description: 'b' })
  assert.equal([other.status, other.body['Code']], [409, 'IdempotentParameterMismatch'])
  const b = await call(base(), KEY_B, { Action: 'CreateKey', ClientToken: 'mismatch-1', Description: 'a' })
  assert.is(b.status, 200)
  assert.is.not(keyIdOf(b.body), keyIdOf(first.body))
})

test('issue 17 item 2: the x-keyledger-idempotency-key header is the same token; header and parameter that differ are refused', async () => {
  const before = await keyCount()
  const viaHeader = await createKey({ Description: 'header' }, { 'x-keyledger-idempotency-key': 'hdr-1' })
  const viaParam = await createKey({ Description: 'header', ClientToken: 'hdr-1' })
  assert.is(keyIdOf(viaParam.body), keyIdOf(viaHeader.body))
  const acs3 = await acs3Call(base(), KEY_A, 'CreateKey', { Description: 'header' }, { 'x-keyledger-idempotency-key': 'hdr-1' })
  assert.is(keyIdOf(acs3.body), keyIdOf(viaHeader.body))
  assert.is(await keyCount(), before + 1)
  const both = await createKey({ Description: 'header', ClientToken: 'hdr-2' }, { 'x-keyledger-idempotency-key': 'hdr-3' })
  assert.equal([both.status, both.body['Code']], [400, 'InvalidParameter'])
  const tooLong = await createKey({ ClientToken: 'x'.repeat(65) })
  assert.equal([tooLong.status, tooLong.body['Code']], [400, 'InvalidParameter'])
})

test('issue 17 item 2: every writing action takes the token: a DisableKey retried after the key was re-enabled answers, appending nothing', async () => {
  const keyId = keyIdOf((await createKey({})).body)
  const first = await call(base(), KEY_A, { Action: 'DisableKey', KeyId: keyId, ClientToken: 'disable-1' })
  await call(base(), KEY_A, { Action: 'EnableKey', KeyId: keyId })
  const head = await app.store.headPosition()
  const retry = await call(base(), KEY_A, { Action: 'DisableKey', KeyId: keyId, ClientToken: 'disable-1' })
  assert.equal([retry.status, retry.body['RequestId']], [200, first.body['RequestId']])
  assert.is(await app.store.headPosition(), head)
  const state = await call(base(), KEY_A, { Action: 'DescribeKey', KeyId: keyId })
  assert.is((state.body['KeyMetadata'] as { KeyState: string }).KeyState, 'Enabled', 'the retry ran nothing')
  const reads = [await call(base(), KEY_A, { Action: 'DescribeKey', KeyId: keyId, ClientToken: 'read-1' }), await call(base(), KEY_A, { Action: 'DescribeKey', KeyId: keyId, ClientToken: 'read-1' })]
  assert.is.not(reads[0]!.body['RequestId'], reads[1]!.body['RequestId'], 'a reading action keeps no token: each read is answered afresh')
})

test('issue 17 item 2: an exact resend of a signed request is still a replay (its nonce), even with a ClientToken', async () => {
  const query = signedQuery(KEY_A, { Action: 'CreateKey', ClientToken: 'replay-1' })
  const send = async () => {
    const res = await fetch(`${base()}/?${query}`, { method: 'POST' })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  assert.is((await send()).status, 200)
  const resent = await send()
  assert.is(resent.status, 400)
  assert.match(String(resent.body['Code']), /Nonce|Replay/i)
})

test('issue 17 item 2: after a restart the retry still returns the first answer', async () => {
  const first = await createKey({ ClientToken: 'restart-1', Description: 'restart' })
  await app.close()
  app = await start()
  const before = await keyCount()
  const retry = await createKey({ ClientToken: 'restart-1', Description: 'restart' })
  assert.equal([keyIdOf(retry.body), retry.body['RequestId']], [keyIdOf(first.body), first.body['RequestId']])
  assert.is(await keyCount(), before)
})

/** A memory store whose appends to key streams wait while the gate is shut: a CreateKey held mid-way. */
const gatedStore = (): { store: EventStore; shut(): void; open(): void } => {
  const inner = new MemoryEventStore()
  let gate: Promise<void> = Promise.resolve()
  let opener = () => {}
  return {
    shut: () => void (gate = new Promise((r) => (opener = r))),
    open: () => opener(),
    store: {
      append: async (stream, expected, events) => {
        if (stream.startsWith('key-')) await gate
        return inner.append(stream, expected, events)
      },
      readStream: (...a) => inner.readStream(...a),
      readAll: (...a) => inner.readAll(...a),
      subscribeAll: (...a) => inner.subscribeAll(...a),
      headPosition: () => inner.headPosition(),
      close: () => inner.close(),
    },
  }
}

test('issue 17 item 2: a retry while the first request with its token still runs waits for it, then gets 409 IdempotentRequestInProgress (docs/http-api.md), and makes no key; once the first answers, a retry gets its answer', async () => {
  const gated = gatedStore()
  const held = await startApp(testConfig({ store: { type: 'memory' } }), { store: gated.store, logger: pino({ level: 'silent' }) })
  try {
    const url = `http://127.0.0.1:${held.api.port}`
    const params = { Action: 'CreateKey', ClientToken: 'held-1', Description: 'held' }
    gated.shut()
    const first = call(url, KEY_A, params) // claims the token, then waits at its KeyCreated append
    await new Promise((r) => setTimeout(r, 300))
    const started = Date.now()
    const retry = await call(url, KEY_A, params)
    assert.is(retry.status, 409, JSON.stringify(retry.body))
    assert.is(retry.body['Code'], 'IdempotentRequestInProgress')
    assert.ok(Date.now() - started >= 9_000, 'it waited for the first answer before refusing')
    gated.open()
    const answered = await first
    assert.is(answered.status, 200, JSON.stringify(answered.body))
    const again = await call(url, KEY_A, params)
    assert.equal([keyIdOf(again.body), again.body['RequestId']], [keyIdOf(answered.body), answered.body['RequestId']])
    const keys = await call(url, KEY_A, { Action: 'ListKeys', PageSize: '100' })
    assert.is(Number(keys.body['TotalCount']), 1, 'one key')
  } finally {
    gated.open()
    await held.close()
  }
})

test.after(async () => {
  await app.close()
  rmSync(dataDir, { recursive: true, force: true })
})

test.run()
