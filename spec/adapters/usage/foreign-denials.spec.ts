import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { ForeignDenials, OTHER_KINDS } from '../../../adapters/usage/foreign-denials.ts'
import type { CommandContext } from '../../../domain/kernel/context.ts'
import type { UsageRecord } from '../../../domain/ports/usage-recorder.ts'

// Issue 13 item 3: another account's refusals on a key are written at most once per (caller, action, code) and
// window, with their count, and rate-limited per calling account (docs/architecture.md §7 "Fair audit").

const B = '6543210987654321'
const T0 = Date.parse('2026-01-01T00:00:00Z')
let clock = T0
const ctxAt = (ms: number, who = 'root'): CommandContext => ({ principal: `acs:ram::${B}:${who}`, requestId: `r${ms}`, now: new Date(ms) })
const refusal = (ctx: CommandContext, action = 'kms:Encrypt', keyId = 'key-a'): UsageRecord => ({
  keyId, versionId: null, action, outcome: 'denied', errorCode: 'Forbidden.NoPermission', callerService: null, callerResource: null,
  requestId: ctx.requestId, at: ctx.now.toISOString(),
})

const world = () => {
  const written: Array<{ ctx: CommandContext; record: UsageRecord }> = []
  const denials = new ForeignDenials(async (ctx, record) => (written.push({ ctx, record }), E.right(undefined)), () => undefined, {
    windowMs: 60_000, kindsPerAccount: 3, flushEveryMs: 3_600_000, now: () => new Date(clock),
  })
  const note = (ms: number, who?: string, action?: string, keyId?: string) => {
    const ctx = ctxAt(ms, who)
    denials.note(ctx, refusal(ctx, action, keyId), B)
  }
  return { written, denials, note }
}

test('one window: thousands of refusals of one caller and kind are one record carrying the count, first and last time', async () => {
  const { written, denials, note } = world()
  for (let i = 0; i < 5_000; i++) note(T0 + i * 10)
  assert.is(written.length, 0, 'nothing written while the window is open')
  clock = T0 + 59_999
  await denials.flushEnded()
  assert.is(written.length, 0, 'the window has not ended yet')
  clock = T0 + 60_000
  await denials.flushEnded()
  assert.is(written.length, 1)
  assert.is(written[0]!.record.count, 5_000)
  assert.is(written[0]!.record.at, new Date(T0).toISOString())
  assert.is(written[0]!.record.lastAt, new Date(T0 + 49_990).toISOString())
  assert.is(written[0]!.ctx.principal, `acs:ram::${B}:root`)
  await denials.close()
})

test('each window its own record; distinct kinds (action) and keys their own records', async () => {
  const { written, denials, note } = world()
  note(T0); note(T0 + 1); note(T0 + 2, 'root', 'kms:Decrypt'); note(T0 + 3, 'root', 'kms:Encrypt', 'key-b')
  note(T0 + 60_000); note(T0 + 60_001)
  clock = T0 + 60_000
  await denials.flushEnded()
  assert.equal(written.map((w) => [w.record.keyId, w.record.action, w.record.count]), [
    ['key-a', 'kms:Encrypt', 2], ['key-a', 'kms:Decrypt', 1], ['key-b', 'kms:Encrypt', 1],
  ])
  await denials.close() // writes the open window too
  assert.equal(written.slice(3).map((w) => [w.record.keyId, w.record.action, w.record.count]), [['key-a', 'kms:Encrypt', 2]])
})

test('rate limit: an account with many callers and actions gets its distinct kinds, then one record for the rest; counts add up', async () => {
  const { written, denials, note } = world()
  let total = 0
  for (let u = 0; u < 50; u++)
    for (const action of ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey']) { note(T0 + u, `user/u${u}`, action); total++ }
  await denials.flushAll()
  assert.is(written.length, 4, '3 distinct kinds + 1 for the rest')
  assert.is(written[3]!.record.action, OTHER_KINDS)
  assert.is(written.reduce((n, w) => n + (w.record.count ?? 0), 0), total)
  assert.is(denials.pending, 0)
  await denials.close()
})

test('a record that cannot be stored is reported to the operator, not thrown', async () => {
  const told: string[] = []
  const denials = new ForeignDenials(async () => E.left({ code: 'InternalFailure', httpStatus: 500, message: 'disk full' }), (m) => told.push(m), { now: () => new Date(clock) })
  const ctx = ctxAt(T0)
  denials.note(ctx, refusal(ctx), B)
  await denials.close()
  assert.is(told.length, 1)
  assert.match(told[0]!, /disk full/)
})

test.run()
