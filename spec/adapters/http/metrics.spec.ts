import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { answerMetrics, ApiMetrics } from '../../../adapters/http/metrics.ts'
import { $kms, kmsClient, popClient, sdkError } from '../../support/sdk-clients.ts'
import { ACCOUNT_A, KEY_A, startTestServer } from '../../support/api-server.ts'
import { bulkUsage } from '../../support/bulk-usage.ts'
import { ServiceMetrics } from '../../../adapters/service-metrics.ts'

// Issue 13 item 9, Prometheus /metrics (docs/operations.md "Logs and metrics"): requests by action and code and a
// latency histogram, never a key id; unauthenticated only from loopback unless `http.metrics` is "public". And the
// service's own (adapters/service-metrics.ts): the event store's commit time, view lag, scheduler runs, report
// durations, each seen to move.

const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)

test('a scrape from loopback counts SDK calls by action and code, has latency buckets, and names no key id', async () => {
  const app = await startTestServer({ store: 'memory' })
  try {
    const kms = kmsClient(app.api.port, KEY_A)
    const keyId = (await kms.createKey(req('CreateKey', {}))).keyMetadata.keyId as string
    await kms.encrypt(req('Encrypt', { keyId, plaintext: 'aGk=' }))
    await kms.encrypt(req('Encrypt', { keyId, plaintext: 'aGk=' }))
    assert.is((await sdkError(kms.describeKey(req('DescribeKey', { keyId: 'no-such-key' })))).data['Code'], 'Forbidden.KeyNotFound')
    const res = await fetch(`${app.api.url}/metrics`)
    assert.is(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/)
    const text = await res.text()
    assert.match(text, /keyledger_requests_total\{action="Encrypt",code="200"\} 2\n/)
    assert.match(text, /keyledger_requests_total\{action="CreateKey",code="200"\} 1\n/)
    assert.match(text, /keyledger_requests_total\{action="DescribeKey",code="Forbidden.KeyNotFound"\} 1\n/)
    assert.match(text, /keyledger_request_duration_seconds_bucket\{le="0\.1",action="Encrypt"\} \d+/)
    assert.match(text, /keyledger_request_duration_seconds_count\{action="Encrypt"\} 2\n/)
    assert.not.ok(text.includes(keyId), 'no key id in the metrics')
    assert.not.ok(text.includes(KEY_A.id), 'no access key id in the metrics')
  } finally {
    await app.close()
  }
})

/** The value of one sample line of the exposition text (0 when absent). */
const sample = (text: string, line: string): number => {
  const at = text.split('\n').find((l) => l.startsWith(`${line} `))
  return at === undefined ? 0 : Number(at.slice(line.length + 1))
}

test('issue 13 item 9: the commit histogram counts the SQLite writer\'s transactions, the scheduler counter its runs, view lag per view; no key id', async () => {
  // SQLite: the commit time is the writer thread's. The scheduler on, its cron ticks yearly: only this spec's run counts.
  const yearly = '0 0 1 1 *'
  const app = await startTestServer({ config: { scheduler: { schedules: { rotateDueKeys: yearly, deleteExpiredPendingKeys: yearly, expireImportedMaterial: yearly, shredDeletedMaterial: yearly, checkpointAuditLog: yearly } } } })
  try {
    const scrape = async () => (await fetch(`${app.api.url}/metrics`)).text()
    const kms = kmsClient(app.api.port, KEY_A)
    const keyId = (await kms.createKey(req('CreateKey', {}))).keyMetadata.keyId as string
    const before = await scrape()
    await kms.encrypt(req('Encrypt', { keyId, plaintext: 'aGk=' }))
    await app.scheduler!.scheduler.run('rotateDueKeys')
    const after = await scrape()
    // The Encrypt's audit record is one more writer transaction, its COMMIT timed.
    assert.ok(sample(after, 'keyledger_event_store_commit_seconds_count') > sample(before, 'keyledger_event_store_commit_seconds_count'),
      `commits before ${sample(before, 'keyledger_event_store_commit_seconds_count')}, after ${sample(after, 'keyledger_event_store_commit_seconds_count')}`)
    assert.match(after, /keyledger_event_store_commit_seconds_bucket\{le="0\.005"\} \d+/)
    const runs = 'keyledger_scheduler_runs_total{job="rotateDueKeys",outcome="ok"}'
    assert.is(sample(after, runs), sample(before, runs) + 1)
    assert.match(after, /keyledger_view_lag_events\{view="[a-z-]+"\} \d+/)
    assert.not.ok(after.includes(keyId), 'no key id in the metrics')
  } finally {
    await app.close()
  }
})

test('the report histogram counts GetComplianceReport by report name; view lag is the head minus each view\'s checkpoint', async () => {
  const app = await startTestServer()
  try {
    const kms = kmsClient(app.api.port, KEY_A)
    const keyId = (await kms.createKey(req('CreateKey', {}))).keyMetadata.keyId as string
    const scrape = async () => (await fetch(`${app.api.url}/metrics`)).text()
    const count = 'keyledger_report_duration_seconds_count{report="inventory"}'
    assert.is(sample(await scrape(), count), 0)
    const pop = popClient(app.api.port, KEY_A)
    await pop.request('GetComplianceReport', { ReportName: 'inventory' }, { method: 'POST' })
    assert.is(sample(await scrape(), count), 1)
    // The views stopped, then 25 events appended: each view is 25 behind the head.
    await app.readModels.runner.stop()
    await bulkUsage(app.store, keyId, `acs:ram::${ACCOUNT_A}:root`, 25)
    const lags = [...(await scrape()).matchAll(/^keyledger_view_lag_events\{view="([^"]+)"\} (\d+)$/gm)]
    assert.ok(lags.length >= 3, `one gauge per view: ${lags.map((m) => m[1]).join(', ')}`)
    assert.ok(lags.every((m) => Number(m[2]) === 25), lags.map((m) => `${m[1]}=${m[2]}`).join(', '))
  } finally {
    await app.close()
  }
})

test('ServiceMetrics: a run that failed for some keys is "partial", one that failed as a whole "failed"', async () => {
  const m = new ServiceMetrics()
  m.schedulerRun('rotateDueKeys', 'partial')
  m.schedulerRun('rotateDueKeys', 'failed')
  m.schedulerRun('rotateDueKeys', 'failed')
  const text = await m.registry.metrics()
  assert.is(sample(text, 'keyledger_scheduler_runs_total{job="rotateDueKeys",outcome="partial"}'), 1)
  assert.is(sample(text, 'keyledger_scheduler_runs_total{job="rotateDueKeys",outcome="failed"}'), 2)
})

test('http.metrics "off": /metrics is not there', async () => {
  const app = await startTestServer({ store: 'memory', config: { http: { metrics: 'off' } } })
  try {
    assert.is((await fetch(`${app.api.url}/metrics`)).status, 404)
  } finally {
    await app.close()
  }
})

/** A request as node:http hands it over, from `ip`, and a response that keeps what was written. */
const scrapeFrom = async (access: 'public' | 'loopback', ip: string) => {
  let status = 0
  const res = { writeHead: (s: number) => ((status = s), { end: () => undefined }) } as unknown as ServerResponse
  await answerMetrics(new ApiMetrics(() => true), access, { socket: { remoteAddress: ip } } as unknown as IncomingMessage, res)
  return status
}

test('"loopback" (the default) refuses a scrape from another address; "public" serves it', async () => {
  assert.is(await scrapeFrom('loopback', '10.1.2.3'), 404)
  assert.is(await scrapeFrom('loopback', '::ffff:10.1.2.3'), 404)
  assert.is(await scrapeFrom('loopback', '127.0.0.1'), 200)
  assert.is(await scrapeFrom('loopback', '::1'), 200)
  assert.is(await scrapeFrom('public', '10.1.2.3'), 200)
})

test.run()
