import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { answerMetrics, ApiMetrics } from '../../../adapters/http/metrics.ts'
import { $kms, kmsClient, sdkError } from '../../support/sdk-clients.ts'
import { KEY_A, startTestServer } from '../../support/api-server.ts'

// Issue 13 item 9, Prometheus /metrics (docs/operations.md "Logs and metrics"): requests by action and code and a
// latency histogram, never a key id; unauthenticated only from loopback unless `http.metrics` is "public".

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
