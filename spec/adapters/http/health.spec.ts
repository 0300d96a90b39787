import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { answerHealth } from '../../../adapters/http/health.ts'
import { KEY_A, startTestServer } from '../../support/api-server.ts'
import { call } from '../../support/signed-request.ts'

// Issue 13, item 9: GET /healthz (liveness) and /readyz (event store reachable, read models at the head, vault
// unsealed), unauthenticated and naming no key; a failing check makes /readyz 503 and names only the check.

const app = await startTestServer()
const keyId = ((await call(app.api.url, KEY_A, { Action: 'CreateKey' })).body['KeyMetadata'] as { KeyId: string }).KeyId

test('item 9: /healthz answers 200 without a signature; /readyz 200 with every check ok, and no key id', async () => {
  const live = await fetch(`${app.api.url}/healthz`)
  assert.is(live.status, 200)
  assert.equal(await live.json(), { status: 'ok' })
  const ready = await fetch(`${app.api.url}/readyz`)
  const text = await ready.text()
  assert.is(ready.status, 200, text)
  assert.equal(JSON.parse(text), { status: 'ok', checks: { store: 'ok', views: 'ok', vault: 'ok', storage: 'ok' } })
  assert.not.match(text, keyId)
  assert.not.match(text, app.services.deployment.hostId)
})

test('item 9: a failing check makes /readyz 503 and names the check only (no cause text)', async () => {
  const server = createServer((req, res) => void answerHealth(req.url!, {
    store: async () => { throw new Error('SQLITE_CANTOPEN /secret/path/events.sqlite') },
    views: async () => 'behind',
  }, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`)
    const text = await res.text()
    assert.is(res.status, 503)
    assert.equal(JSON.parse(text), { status: 'unavailable', checks: { store: 'failing', views: 'behind' } })
    assert.not.match(text, 'secret')
  } finally {
    server.close()
  }
})

test('item 9: other paths still need the API (a GET elsewhere is no health answer)', async () => {
  const res = await fetch(`${app.api.url}/healthz/x`)
  assert.is.not(res.status, 200)
})

test.after(() => app.close())
test.run()
