import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { keyUsageStreamId } from '../../../domain/key/events.ts'
import { keyArn } from '../../../domain/values/arn.ts'
import { ACCOUNT_A, ACCOUNT_B, KEY_A, KEY_B, REGION, startTestServer } from '../../support/api-server.ts'
import { call } from '../../support/signed-request.ts'

// Issue 13 item 3, fair audit: every refusal of account B on account A's key used to append one `denied` record
// to A's usage stream before answering — B could flood A's history (2,299 records in 10 s), and the awaited
// append made existing keys answer slower than missing ones (a timing oracle for key existence). Now B's refusals
// are counted and written at most once per (caller, action, code) and minute, with the count
// (docs/architecture.md §7 "Fair audit"), and nothing is written on the refusal's path.

// SQLite: the store users run, with its fsynced appends. The clock stands still, so the whole flood falls in one
// aggregation window (the window's end is the spec of spec/adapters/usage/foreign-denials.spec.ts).
const frozen = new Date()
const app = await startTestServer({ clock: { now: () => new Date(frozen) } })
const base = `http://127.0.0.1:${app.api.port}`
const created = await call(base, KEY_A, { Action: 'CreateKey' })
const keyId = (created.body['KeyMetadata'] as { KeyId: string }).KeyId
const arn = keyArn(REGION, ACCOUNT_A, keyId)
const missingArn = keyArn(REGION, ACCOUNT_A, 'key-hzz6aaaaaaaaaaaaaaaaaaaa')

const usage = async (): Promise<Array<Record<string, unknown>>> =>
  (await app.store.readStream(keyUsageStreamId(keyId))).map((e) => ({ principal: e.metadata.principal, ...(e.data as Record<string, unknown>) }))

/** `n` calls of `params` by account B, `width` at a time; every one must be refused with 403. */
const hammer = async (n: number, params: Record<string, string>, width = 16): Promise<void> => {
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) {
      next++
      const r = await call(base, KEY_B, params)
      assert.is(r.status, 403, JSON.stringify(r.body))
    }
  }))
}

test('issue 13 item 3: account B hammering A\'s key ARN grows A\'s history by a bounded number of records, and the counts add up', async () => {
  const before = (await usage()).length
  await hammer(1500, { Action: 'DescribeKey', KeyId: arn })
  await hammer(1000, { Action: 'Encrypt', KeyId: arn, Plaintext: Buffer.from('x').toString('base64') })
  // Counted, not yet written: the flood reached no store write.
  assert.is((await usage()).length, before, 'no record is appended on a refusal\'s path')
  await app.crypto.usage.foreignDenials.flushAll()
  const added = (await usage()).slice(before)
  // One record per (caller, action, code) and minute.
  assert.is(added.length, 2, `${added.length} records for 2,500 refusals`)
  for (const r of added) {
    assert.is(r['outcome'], 'denied')
    assert.is(r['errorCode'], 'Forbidden.NoPermission')
    assert.is(r['principal'], `acs:ram::${ACCOUNT_B}:root`)
  }
  const total = (action: string) => added.filter((r) => r['action'] === action).reduce((n, r) => n + (r['count'] as number), 0)
  assert.is(total('kms:DescribeKey'), 1500)
  assert.is(total('kms:Encrypt'), 1000)
})

test('issue 13 item 3: the owner\'s own refusals stay one record each, written before the answer', async () => {
  // A RAM identity of A would be refused by A's own policy; here A's root disables the key and Encrypts: refused
  // by the state gate (Rejected.Disabled), recorded at once, one record per call.
  await call(base, KEY_A, { Action: 'DisableKey', KeyId: keyId })
  const before = (await usage()).length
  for (let i = 0; i < 3; i++) {
    const r = await call(base, KEY_A, { Action: 'Encrypt', KeyId: keyId, Plaintext: 'eA==' })
    assert.is(r.body['Code'], 'Rejected.Disabled')
  }
  const added = (await usage()).slice(before)
  assert.equal(added.map((r) => [r['outcome'], r['errorCode'], r['count']]), Array(3).fill(['denied', 'Rejected.Disabled', undefined]))
  await call(base, KEY_A, { Action: 'EnableKey', KeyId: keyId })
})

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

test('issue 13 item 3: another account learns nothing from timing: existing and missing keys answer alike (medians)', async () => {
  // Interleaved pairs in alternating order, so load on the machine (other specs, busy cores) falls on both alike;
  // the statistic is the median of the per-pair differences, which such load shifts little. Before the fix the
  // existing key's refusal awaited a durable append (a writer-thread round trip and an fsync, ≥ 0.4 ms here).
  const timed = async (params: Record<string, string>): Promise<number> => {
    const t = performance.now()
    const r = await call(base, KEY_B, params)
    const ms = performance.now() - t
    assert.is(r.status, 403)
    return ms
  }
  const params = (k: string) => ({ Action: 'DescribeKey', KeyId: k })
  for (let i = 0; i < 50; i++) await timed(params(i % 2 ? arn : missingArn)) // warm both paths
  const diffs: number[] = []
  const existing: number[] = []
  const missing: number[] = []
  for (let i = 0; i < 300; i++) {
    let e: number, m: number
    if (i % 2) { e = await timed(params(arn)); m = await timed(params(missingArn)) } else { m = await timed(params(missingArn)); e = await timed(params(arn)) }
    existing.push(e)
    missing.push(m)
    diffs.push(e - m)
  }
  const d = median(diffs)
  const bound = Math.max(0.4, 0.2 * median(missing))
  process.stderr.write(`  existing ${median(existing).toFixed(3)} ms, missing ${median(missing).toFixed(3)} ms, median pair difference ${d.toFixed(3)} ms (bound ±${bound.toFixed(3)})\n`)
  assert.ok(Math.abs(d) < bound, `median difference ${d.toFixed(3)} ms between an existing and a missing key exceeds ${bound.toFixed(3)} ms`)
})

test.after(async () => {
  await app.close()
})

test.run()
