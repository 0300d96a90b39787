import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts'
import { call, type RawKey } from '../../support/signed-request.ts'
import { createKey, feedEnv, KEY_A, KEY_B, ok, twoAccounts, type FeedEvent } from '../../support/feed-accounts.ts'
import { openSse, type SseMessage } from '../../support/sse-client.ts'

// Issue 17, item 3: the key-event feed as Server-Sent Events (docs/key-events.md "Server-Sent Events"), against a
// real `keyledger serve` on a data dir. A consumer follows the stream across a server restart, reconnecting with
// Last-Event-ID, without missing or repeating an event; SIGTERM ends the open stream at once (it does not hold the
// drain to its timeout); another account's consumer sees none of the keys; heartbeats carry the cursor past
// events the caller may not see; a stream lives at most its configured time; a bad request is a JSON refusal.

const DRAIN_MS = 30_000
const HEARTBEAT_MS = 400
const config = twoAccounts({ http: { drainTimeoutMs: DRAIN_MS, sseHeartbeatMs: HEARTBEAT_MS } })
const env = feedEnv

const wholeFeed = async (url: string, key: RawKey): Promise<FeedEvent[]> =>
  ((await ok(url, key, { Action: 'ListKeyEvents', Limit: '100' }))['Events'] as { Event: FeedEvent[] }).Event
const events = (ms: readonly SseMessage[]): FeedEvent[] => ms.filter((m) => m.event === 'key-event').map((m) => JSON.parse(m.data) as FeedEvent)
const has = (keyId: string, type: string) => (ms: readonly SseMessage[]) => events(ms).some((e) => e.keyId === keyId && e.type === type)

const dir = mkdtempSync(join(tmpdir(), 'keyledger-sse-'))
let server: ServerProcess

test.before(async () => {
  server = await startServerProcess(dir, config, env)
})
test.after(async () => {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

test('given a consumer on the SSE stream, when the server is stopped (SIGTERM) and restarted and the consumer reconnects with Last-Event-ID, then it sees every event once, in order, and the stop was not held by the stream', async () => {
  const k1 = await createKey(server.url, KEY_A)
  await ok(server.url, KEY_A, { Action: 'DisableKey', KeyId: k1 })
  const first = await openSse(server.url, KEY_A, { After: '0' })
  assert.is(first.status, 200)
  assert.match(first.contentType, /^text\/event-stream/)
  await first.until(has(k1, 'disabled'))
  for (const m of first.messages) assert.is(m.id, String((JSON.parse(m.data) as FeedEvent).position), 'id: is the position cursor')
  // SIGTERM with the stream open: the drain ends it; the process does not wait out its 30 s drain timeout.
  const stopping = Date.now()
  assert.is(await server.stop(), 0)
  assert.ok(Date.now() - stopping < DRAIN_MS / 2, `the open stream did not hold the drain (took ${Date.now() - stopping} ms)`)
  await first.ended
  server = await startServerProcess(dir, config, env)
  await ok(server.url, KEY_A, { Action: 'EnableKey', KeyId: k1 })
  await ok(server.url, KEY_A, { Action: 'ScheduleKeyDeletion', KeyId: k1, PendingWindowInDays: '7' })
  // The reconnect is signed anew (a nonce is single-use); the cursor travels as Last-Event-ID.
  const second = await openSse(server.url, KEY_A, {}, { 'Last-Event-ID': first.lastEventId() })
  await second.until(has(k1, 'deletion-scheduled'))
  second.close()
  const seen = [...events(first.messages), ...events(second.messages)]
  const whole = await wholeFeed(server.url, KEY_A)
  assert.equal(seen.map((e) => e.eventId), whole.map((e) => e.eventId), 'nothing missed, nothing repeated')
  assert.equal(seen.filter((e) => e.keyId === k1).map((e) => e.type), ['created', 'disabled', 'enabled', 'deletion-scheduled'])
  assert.ok(seen.every((e) => e.schema === 'keyledger.key-event/1'))
})

test('given B\'s consumer on the stream, when A creates and changes keys and B creates one, then B\'s stream shows only B\'s key', async () => {
  const b = await openSse(server.url, KEY_B, { After: '0' })
  assert.is(b.status, 200)
  const ka = await createKey(server.url, KEY_A)
  await ok(server.url, KEY_A, { Action: 'DisableKey', KeyId: ka })
  const kb = await createKey(server.url, KEY_B)
  await b.until(has(kb, 'created'))
  b.close()
  assert.equal([...new Set(events(b.messages).map((e) => e.keyId))], [kb], 'none of A\'s keys, which precede B\'s in the store')
})

test('given B\'s consumer at the head, when only A\'s keys change, then B gets heartbeats whose id moves its cursor past A\'s events, and no event', async () => {
  const head = await openSse(server.url, KEY_B, { After: '0' })
  await head.until((ms) => events(ms).length > 0) // B's own key, from the previous test
  const ka = await createKey(server.url, KEY_A)
  const aPosition = (await wholeFeed(server.url, KEY_A)).find((e) => e.keyId === ka)!.position
  const deadline = Date.now() + 10_000
  while (Number(head.lastEventId()) < aPosition && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  head.close()
  assert.ok(head.comments.includes('heartbeat'), 'a heartbeat comment')
  assert.ok(Number(head.lastEventId()) >= aPosition, `the cursor (${head.lastEventId()}) passed A's event at ${aPosition}`)
  assert.not.ok(events(head.messages).some((e) => e.keyId === ka))
})

test('given requests a stream cannot serve, when they are sent, then a JSON 4xx refusal, never a stream or a 5xx', async () => {
  const cases: [Record<string, string>, Record<string, string>, string][] = [
    [{ Stream: 'websocket' }, {}, 'InvalidParameter'],
    [{}, { 'Last-Event-ID': 'not-a-position' }, 'InvalidParameter'],
    [{ After: '-3' }, {}, 'InvalidParameter'],
  ]
  for (const [params, headers, code] of cases) {
    const r = await openSse(server.url, KEY_A, params, headers)
    assert.is(r.status, 400, JSON.stringify(params))
    assert.is(r.refusal?.['Code'], code)
  }
  // Another action with Stream: refused, not run.
  const other = await openSse(server.url, KEY_A, { Action: 'CreateKey' })
  assert.is(other.status, 400)
  assert.is(other.refusal?.['Code'], 'InvalidParameter')
  // Stream on a POST (what SDKs send, expecting one JSON answer): refused, not a page that ignores it.
  const posted = await call(server.url, KEY_A, { Action: 'ListKeyEvents', Stream: 'sse' })
  assert.is(posted.status, 400)
  assert.is(posted.body['Code'], 'InvalidParameter')
  // A bad signature: the stream is authenticated like any call.
  const forged = await openSse(server.url, { id: KEY_A.id, secret: 'not-the-secret-at-all-000000' }, {})
  assert.is(forged.status, 400)
  assert.is(forged.refusal?.['Code'], 'SignatureDoesNotMatch')
})

test('given a server whose streams live 1.5 s, when a consumer stays connected, then the server ends the stream and the consumer reconnects from its Last-Event-ID', async () => {
  const shortDir = mkdtempSync(join(tmpdir(), 'keyledger-sse-short-'))
  const short = await startServerProcess(shortDir, twoAccounts({ http: { drainTimeoutMs: DRAIN_MS, sseHeartbeatMs: HEARTBEAT_MS, sseMaxStreamMs: 1_500 } }), env)
  try {
    const k = await createKey(short.url, KEY_A)
    const s = await openSse(short.url, KEY_A, {})
    const started = Date.now()
    await s.ended
    assert.ok(Date.now() - started < 10_000, 'ended by the server')
    assert.ok(has(k, 'created')(s.messages))
    const again = await openSse(short.url, KEY_A, {}, { 'Last-Event-ID': s.lastEventId() })
    await ok(short.url, KEY_A, { Action: 'DisableKey', KeyId: k })
    await again.until(has(k, 'disabled'))
    again.close()
    assert.equal(events(again.messages).map((e) => e.type), ['disabled'], 'nothing repeated after the reconnect')
  } finally {
    await short.stop()
    rmSync(shortDir, { recursive: true, force: true })
  }
})

test.run()
