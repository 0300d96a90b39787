import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { KEY_A } from '../../support/api-server.ts'
import { SteppingClock } from '../../support/authz-server.ts'
import { startTestServer } from '../../support/api-server.ts'
import { popClient } from '../../support/sdk-clients.ts'

// S-10 through the API: Encrypt calls that declare their caller (`x-acs-caller-service` / `x-acs-caller-resource`,
// application/crypto/caller.ts) become products and resources of DescribeKeyAssociations, and
// GetKeyLastCallTime shows the last call only within 365 days of the request's time (S-10.3), by the Clock port.
// The signature window is widened so that requests signed with the real time pass a clock moved a year on.

const DAY = 86_400_000
const clock = new SteppingClock()
const app = await startTestServer({ clock, config: { auth: { timestampWindowSeconds: 400 * 86_400 } } })
const pop = popClient(app.api.port, KEY_A)
const call = (action: string, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  pop.request(action, params, { method: 'POST', headers })
const newKey = async (): Promise<string> => (await call('CreateKey')).KeyMetadata.KeyId
const encrypt = (keyId: string, headers: Record<string, string> = {}) => call('Encrypt', { KeyId: keyId, Plaintext: 'aGVsbG8=' }, headers)

test('S-10 DescribeKeyAssociations: products and resources from the caller headers, last call time each', async () => {
  const keyId = await newKey()
  await encrypt(keyId, { 'x-acs-caller-service': 'ecs', 'x-acs-caller-resource': 'disk/d-123' })
  await encrypt(keyId, { 'x-acs-caller-service': 'ecs', 'x-acs-caller-resource': 'disk/d-456' })
  await encrypt(keyId, { 'x-acs-caller-service': 'ecs', 'x-acs-caller-resource': 'disk/d-123' })
  await encrypt(keyId, { 'x-acs-caller-service': 'oss' })
  await encrypt(keyId)
  const a = await call('DescribeKeyAssociations', { KeyId: keyId })
  assert.is(a.Status, 'InUse')
  assert.match(a.LastCallTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  const products = Object.fromEntries(a.Products.Product.map((p: { Service: string }) => [p.Service, p]))
  assert.equal(Object.keys(products).sort(), ['', 'ecs', 'oss'], 'a call naming no service is the self-built product ""')
  assert.is(products['ecs'].Calls, 3)
  assert.equal(products['ecs'].Resources.Resource.map((r: { Resource: string; Calls: number }) => `${r.Resource}×${r.Calls}`).sort(), ['disk/d-123×2', 'disk/d-456×1'])
  assert.match(products['oss'].LastCallTime, /Z$/)
})

test('S-10.3 GetKeyLastCallTime: a call 366 days ago shows no time (NoCallWithin365Days), never "unused"', async () => {
  const keyId = await newKey()
  const unused = await call('GetKeyLastCallTime', { KeyId: keyId })
  assert.equal([unused.Status, unused.LastCallTime], ['Unused', ''])
  await encrypt(keyId, { 'x-acs-caller-service': 'rds' })
  const fresh = await call('GetKeyLastCallTime', { KeyId: keyId })
  assert.is(fresh.Status, 'InUse')
  assert.match(fresh.LastCallTime, /Z$/)
  clock.advance(364 * DAY)
  assert.is((await call('GetKeyLastCallTime', { KeyId: keyId })).LastCallTime, fresh.LastCallTime, 'day 364: still shown')
  clock.advance(2 * DAY)
  const old = await call('GetKeyLastCallTime', { KeyId: keyId })
  assert.equal([old.Status, old.LastCallTime], ['NoCallWithin365Days', ''])
  const a = await call('DescribeKeyAssociations', { KeyId: keyId })
  assert.equal([a.Status, a.Products.Product[0].Service, a.Products.Product[0].LastCallTime], ['NoCallWithin365Days', 'rds', ''])
})

test.after(async () => {
  await app.close()
})

test.run()
