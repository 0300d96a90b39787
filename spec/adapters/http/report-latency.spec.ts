import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ACCOUNT_A, KEY_A, KEY_B, startTestServer } from '../../support/api-server.ts'
import { bulkUsage } from '../../support/bulk-usage.ts'
import { call } from '../../support/signed-request.ts'

// Issue 13 item 5: GetComplianceReport folded every event on the event loop (~450 ms at 18k events; six reports
// held another caller for 2.4 s). Now the fold runs on the report thread, which reads the SQLite file on its own
// connection (adapters/reports/, docs/architecture.md §7 "Reports"): given a long history, another account's calls
// during the report answer within 50 ms of their usual time, median and p95, the usual time measured just before
// and just after the report in the same conditions (so a loaded machine moves both sides alike).
// REPORT_EVENTS sets the history's size: 1,000,000 with `REPORT_EVENTS=1000000` (see the Guarantees in the README
// for the measured run); npm test builds a smaller one in its time budget.

const EVENTS = Number(process.env['REPORT_EVENTS'] ?? 100_000)
const app = await startTestServer() // SQLite in a temporary data dir: the store the report thread reads
const base = `http://127.0.0.1:${app.api.port}`
const keyId = ((await call(base, KEY_A, { Action: 'CreateKey' })).body['KeyMetadata'] as { KeyId: string }).KeyId
const other = ((await call(base, KEY_B, { Action: 'CreateKey' })).body['KeyMetadata'] as { KeyId: string }).KeyId
const built = performance.now()
await bulkUsage(app.store, keyId, `acs:ram::${ACCOUNT_A}:root`, EVENTS, 10_000)
// The read models fold the bulk events too; let them finish first, so only the report runs meanwhile.
for (let i = 0; i < 600 && (await app.readModels.catchUp()) !== 'reached'; i++);
process.stderr.write(`  ${EVENTS.toLocaleString('en')} events written and folded by the read models in ${((performance.now() - built) / 1000).toFixed(1)} s\n`)

const p = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!

/** Account B's DescribeKey on its own key, timed. */
const probe = async (): Promise<number> => {
  const t = performance.now()
  const r = await call(base, KEY_B, { Action: 'DescribeKey', KeyId: other })
  assert.is(r.status, 200)
  return performance.now() - t
}

const probes = async (n: number): Promise<number[]> => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(await probe())
  return out
}

const report = () => call(base, KEY_A, { Action: 'GetComplianceReport', ReportName: 'unused', Days: '1' })

test(`issue 13 item 5: a report over ${EVENTS.toLocaleString('en')} events runs while another caller is served within 50 ms of its usual time (median and p95)`, async () => {
  // The setup outlasted the server's keep-alive: the client's pooled connection may be gone (ECONNRESET once).
  await probe().catch(() => undefined)
  const before = await probes(60)
  const state = { done: false }
  const started = performance.now()
  const running = report().finally(() => { state.done = true })
  const during: number[] = []
  while (!state.done) during.push(await probe())
  const r = await running
  const took = performance.now() - started
  const after = await probes(60)
  assert.is(r.status, 200, JSON.stringify(r.body))
  const rows = (r.body['Rows'] as { Row: { KeyId: string; Calls?: number }[] }).Row
  assert.ok(rows.every((row) => row.KeyId !== keyId), 'the key called just now is not unused: the report folded its calls')
  // The usual time: the worse of the runs just before and just after, each measured in the report's conditions.
  const usual = (q: number) => Math.max(p(before, q), p(after, q))
  process.stderr.write(`  report ${took.toFixed(0)} ms; other caller: usual p50 ${usual(0.5).toFixed(1)} / p95 ${usual(0.95).toFixed(1)} ms, during p50 ${p(during, 0.5).toFixed(1)} / p95 ${p(during, 0.95).toFixed(1)} / max ${Math.max(...during).toFixed(1)} ms over ${during.length} calls\n`)
  assert.ok(took > 500, `the report is long enough to matter (${took.toFixed(0)} ms)`)
  assert.ok(during.length >= 20, `the other caller was served ${during.length} times during a ${took.toFixed(0)} ms report`)
  assert.ok(p(during, 0.5) < usual(0.5) + 50, `median ${p(during, 0.5).toFixed(1)} ms during the report vs ${usual(0.5).toFixed(1)} ms usually`)
  assert.ok(p(during, 0.95) < usual(0.95) + 50, `p95 ${p(during, 0.95).toFixed(1)} ms during the report vs ${usual(0.95).toFixed(1)} ms usually`)
})

test.after(async () => {
  await app.close()
})

test.run()
