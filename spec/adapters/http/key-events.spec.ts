import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts'
import { call, type RawKey } from '../../support/signed-request.ts'
import { A, createKey, feedEnv, KEY_A, KEY_B, ok, twoAccounts, type FeedEvent } from '../../support/feed-accounts.ts'

// Issue 17, item 3: the key-event feed over HTTP (docs/key-events.md), against a real `keyledger serve` on a data
// dir. A consumer follows ListKeyEvents across a server restart without missing or repeating an event; another
// account's consumer sees none of A's keys; a long-poll answers when an event is appended.

const config = twoAccounts()
const env = feedEnv

interface FeedPage { events: FeedEvent[]; next: number }

const feed = async (url: string, key: RawKey, after: number, o: { limit?: number; wait?: number } = {}): Promise<FeedPage> => {
  const b = await ok(url, key, { Action: 'ListKeyEvents', After: String(after), Limit: String(o.limit ?? 100), WaitSeconds: String(o.wait ?? 0) })
  return { events: (b['Events'] as { Event: FeedEvent[] }).Event, next: b['NextPosition'] as number }
}

const dir = mkdtempSync(join(tmpdir(), 'keyledger-feed-'))
let server: ServerProcess

test.before(async () => {
  server = await startServerProcess(dir, config, env)
})
test.after(async () => {
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
})

test('given A\'s key with events before and after a restart, when a consumer follows the feed one event a call across the restart, then it sees each event once, in order', async () => {
  const k1 = await createKey(server.url, KEY_A)
  await ok(server.url, KEY_A, { Action: 'DisableKey', KeyId: k1 })
  const seen: FeedEvent[] = []
  let cursor = 0
  const first = await feed(server.url, KEY_A, cursor, { limit: 1 })
  assert.is(first.events.length, 1)
  seen.push(...first.events)
  cursor = first.next
  // The consumer keeps its cursor; the server restarts on the same data dir.
  assert.is(await server.stop(), 0)
  server = await startServerProcess(dir, config, env)
  await ok(server.url, KEY_A, { Action: 'EnableKey', KeyId: k1 })
  await ok(server.url, KEY_A, { Action: 'ScheduleKeyDeletion', KeyId: k1, PendingWindowInDays: '7' })
  for (let i = 0; i < 50; i++) {
    const page = await feed(server.url, KEY_A, cursor, { limit: 1 })
    if (page.events.length === 0) break
    seen.push(...page.events)
    cursor = page.next
  }
  const whole = await feed(server.url, KEY_A, 0)
  assert.equal(seen.map((e) => e.eventId), whole.events.map((e) => e.eventId), 'nothing missed, nothing repeated')
  assert.is(new Set(seen.map((e) => e.eventId)).size, seen.length)
  assert.equal(seen.filter((e) => e.keyId === k1).map((e) => e.type), ['created', 'disabled', 'enabled', 'deletion-scheduled'])
  const scheduled = seen.find((e) => e.type === 'deletion-scheduled')!
  assert.is(scheduled.schema, 'keyledger.key-event/1')
  assert.is(scheduled.keyArn, `acs:kms:cn-hangzhou:${A}:key/${k1}`)
  assert.is(scheduled.details['pendingWindowInDays'], 7)
  const positions = seen.map((e) => e.position)
  assert.equal(positions, [...positions].sort((x, y) => x - y))
})

test('given A\'s keys, when B\'s consumer reads the feed, then it sees none of A\'s keys, only its own', async () => {
  const aKeys = new Set((await feed(server.url, KEY_A, 0)).events.map((e) => e.keyId))
  assert.ok(aKeys.size > 0)
  const before = await feed(server.url, KEY_B, 0)
  assert.equal(before.events, [], 'nothing of A')
  const kb = await createKey(server.url, KEY_B)
  const after = await feed(server.url, KEY_B, 0)
  assert.equal([...new Set(after.events.map((e) => e.keyId))], [kb])
  assert.not.ok((await feed(server.url, KEY_A, 0)).events.some((e) => e.keyId === kb), 'and A sees nothing of B')
})

test('given a consumer at the head, when it long-polls and an event is appended, then the poll answers with it before its wait is over', async () => {
  const k = await createKey(server.url, KEY_A)
  const head = await feed(server.url, KEY_A, 0)
  const started = Date.now()
  const poll = feed(server.url, KEY_A, head.next, { wait: 20 })
  await new Promise((r) => setTimeout(r, 500))
  await ok(server.url, KEY_A, { Action: 'DisableKey', KeyId: k })
  const page = await poll
  assert.ok(Date.now() - started < 19_000, 'woken by the append, not by the time limit')
  assert.equal(page.events.map((e) => [e.keyId, e.type]), [[k, 'disabled']])
  assert.ok(page.next > head.next)
})

test('given a consumer at the head, when it long-polls and nothing is appended, then the answer is empty with the same cursor', async () => {
  const head = await feed(server.url, KEY_A, 0)
  const page = await feed(server.url, KEY_A, head.next, { wait: 1 })
  assert.equal(page.events, [])
  assert.is(page.next, head.next)
})

test('given a bad cursor, when ListKeyEvents is called, then 400 InvalidParameter, never a 5xx', async () => {
  for (const After of ['-1', 'abc', '1e3', '99999999999999999']) {
    const r = await call(server.url, KEY_A, { Action: 'ListKeyEvents', After })
    assert.is(r.status, 400, After)
    assert.is(r.body['Code'], 'InvalidParameter', After)
  }
  // A position beyond nine digits (EventStoreDB commit positions) is a cursor, not an error.
  assert.equal(await feed(server.url, KEY_A, 12_345_678_901), { events: [], next: 12_345_678_901 })
})

test.run()
