import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { groupOf, Throttle } from '../../../adapters/http/throttle.ts'
import { $kms, kmsClient, sdkError } from '../../support/sdk-clients.ts'
import { KEY_A, KEY_B, startTestServer } from '../../support/api-server.ts'

// Issue 13 item 9, throttling (docs/operations.md "Throttling"): a token bucket per account and action group
// (cryptographic, management, read); over it the cloud API's `429 Rejected.Throttling` "QPS Limit Exceeded"
// (the KMS performance-data page), which the official SDK surfaces as Rejected.ThrottlingError.

const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)

test('a burst over the read limit gets Rejected.Throttling with the SDK; another account is unaffected; the bucket refills', async () => {
  const app = await startTestServer({ store: 'memory', config: { throttling: { read: { ratePerSecond: 0.2, burst: 5 } } } })
  try {
    const a = kmsClient(app.api.port, KEY_A)
    const b = kmsClient(app.api.port, KEY_B)
    const burst = await Promise.allSettled(Array.from({ length: 12 }, () => a.listKeys(req('ListKeys', {}))))
    const ok = burst.filter((r) => r.status === 'fulfilled').length
    const refused = burst.filter((r) => r.status === 'rejected').map((r) => (r).reason as { code?: string; data?: Record<string, unknown> })
    assert.ok(ok >= 5 && ok <= 8, `the burst (5) and little more were served: ${ok}`)
    assert.ok(refused.length >= 5)
    for (const e of refused) {
      assert.is(e.data?.['Code'], 'Rejected.Throttling')
      assert.is(e.data?.['HttpStatus'], 429)
      assert.is(e.data?.['Message'], 'QPS Limit Exceeded')
      assert.is(e.code, 'Rejected.ThrottlingError')
    }
    assert.is((await sdkError(a.listKeys(req('ListKeys', {})))).data['Code'], 'Rejected.Throttling', 'still empty')
    // Another account's bucket is its own.
    await b.listKeys(req('ListKeys', {}))
    // A's management group is its own too.
    await a.createKey(req('CreateKey', {}))
    // Refilled at one token per 5 s: after 5.5 s, A reads again.
    await new Promise((r) => setTimeout(r, 5_500))
    await a.listKeys(req('ListKeys', {}))
  } finally {
    await app.close()
  }
})

test('groups: cryptographic calls, reads (Describe/List/Get), the rest management; defaults and refill arithmetic', () => {
  assert.is(groupOf('Encrypt'), 'cryptographic')
  assert.is(groupOf('AsymmetricSign'), 'cryptographic')
  assert.is(groupOf('ListKeys'), 'read')
  assert.is(groupOf('DescribeKey'), 'read')
  assert.is(groupOf('GetParametersForImport'), 'management')
  assert.is(groupOf('CreateKey'), 'management')
  let now = 0
  const t = new Throttle({ management: { ratePerSecond: 1, burst: 2 } }, () => now)
  assert.equal([t.take('a', 'CreateKey'), t.take('a', 'CreateKey'), t.take('a', 'CreateKey')], [true, true, false])
  assert.ok(t.take('b', 'CreateKey'), 'another account')
  assert.ok(t.take('a', 'Encrypt'), 'another group (the default burst)')
  now = 999
  assert.not.ok(t.take('a', 'CreateKey'), 'not yet a whole token')
  now = 1000
  assert.ok(t.take('a', 'CreateKey'), 'one token after a second')
})

test.run()
