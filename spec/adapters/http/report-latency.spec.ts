import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ACCOUNT_A, KEY_A, KEY_B, startTestServer } from '../../support/api-server.ts'
import { bulkUsage } from '../../support/bulk-usage.ts'
import { call } from '../../support/signed-request.ts'

// Issue 13 item 5: GetComplianceReport folded every event synchronously on the event loop (~450 ms at 18k events;
// six reports held another caller for 2.4 s) and refused past 200,000 events. Now it folds key by key, a page at a
// time, and lets other requests run between pages (adapters/http/actions/account-report.ts). Given 250,000 events
// (past the old cap; 1,000,000 is measured by `npm run bench`, too slow for npm test on two shared cores), another
// account's calls during the report answer within 50 ms of their usual time.

const EVENTS = 250_000
const app = await startTestServer({ store: 'memory' }) // the memory store: the history builds in seconds
const base = `http://127.0.0.1:${app.api.port}`
const keyId = ((await call(base, KEY_A, { Action: 'CreateKey' })).body['KeyMetadata'] as { KeyId: string }).KeyId
const other = ((await call(base, KEY_B, { Action: 'CreateKey' })).body['KeyMetadata'] as { KeyId: string }).KeyId
await bulkUsage(app.store, keyId, `acs:ram::${ACCOUNT_A}:root`, EVENTS)
// The read models fold the bulk events too; let them finish first, so only the report runs meanwhile.
for (let i = 0; i < 300 && (await app.readModels.catchUp()) !== 'reached'; i++);

const p = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!

/** Account B's DescribeKey on its own key, timed. */
const probe = async (): Promise<number> => {
  const t = performance.now()
  const r = await call(base, KEY_B, { Action: 'DescribeKey', KeyId: other })
  assert.is(r.status, 200)
  return performance.now() - t
}

test(`issue 13 item 5: a report over ${EVENTS.toLocaleString('en')} events runs while another caller is served within 50 ms of its usual time`, async () => {
  // The setup outlasted the server's keep-alive: the client's pooled connection may be gone (ECONNRESET once).
  await probe().catch(() => undefined)
  const usual: number[] = []
  for (let i = 0; i < 60; i++) usual.push(await probe())
  const state = { done: false }
  const started = performance.now()
  const report = call(base, KEY_A, { Action: 'GetComplianceReport', ReportName: 'unused', Days: '1' }).finally(() => { state.done = true })
  const during: number[] = []
  while (!state.done) during.push(await probe())
  const r = await report
  const took = performance.now() - started
  assert.is(r.status, 200, JSON.stringify(r.body))
  const mid = p(during, 0.5)
  process.stderr.write(`  report ${took.toFixed(0)} ms; other caller: usual p50 ${p(usual, 0.5).toFixed(1)} / p95 ${p(usual, 0.95).toFixed(1)} ms, during p50 ${mid.toFixed(1)} / p95 ${p(during, 0.95).toFixed(1)} / max ${Math.max(...during).toFixed(1)} ms over ${during.length} calls\n`)
  assert.ok(took > 200, 'the report is long enough to matter')
  // Before, the fold held the loop for the whole report: the other caller got one answer, after it.
  assert.ok(during.length >= 20, `the other caller was served ${during.length} times during a ${took.toFixed(0)} ms report`)
  // The median call: the client runs in this process too, so each of its turns also waits behind a slice; on two
  // loaded cores the tail is the scheduler's (docs/architecture.md §7 "Reports" gives the numbers).
  assert.ok(mid < p(usual, 0.5) + 50, `median ${mid.toFixed(1)} ms during the report vs ${p(usual, 0.5).toFixed(1)} ms usually`)
})

test.after(async () => {
  await app.close()
})

test.run()
