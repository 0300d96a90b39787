import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startTestServer, ACCOUNT_A, INSTANCE_A, KEY_A, KEY_B, REGION } from '../../support/api-server.ts'
import { popClient, sdkError } from '../../support/sdk-clients.ts'
import { bulkUsage } from '../../support/bulk-usage.ts'

// The read models inside the server (docs/architecture.md §6), through pop-core over real HTTP: ListKeys with Filters and
// paging from the key catalogue, read-your-writes (a command's answer comes after the views reached it), the
// listings that used to scan streams, and keyledger's own actions ListKeyHistory and GetComplianceReport.

// Memory store: the spec counts the server's reads of the store, and the SQLite adapter's live feed polls the
// log (readAll) for the read models on its own schedule, which would be counted too.
const app = await startTestServer({ store: 'memory' })
const pop = popClient(app.api.port, KEY_A)
const popB = popClient(app.api.port, KEY_B)
const call = (action: string, params: Record<string, unknown> = {}) => pop.request(action, params, { method: 'POST' })
const code = async (p: Promise<unknown>) => (await sdkError(p)).data['Code']
const newKey = async (m: Record<string, unknown> = {}): Promise<string> => (await call('CreateKey', m)).KeyMetadata.KeyId
const ids = (r: { Keys: { Key: { KeyId: string }[] } }) => r.Keys.Key.map((k) => k.KeyId)
const filtered = async (filters: unknown, m: Record<string, unknown> = {}) => call('ListKeys', { Filters: JSON.stringify(filters), PageSize: 100, ...m })

const aes = await newKey()
const rsa = await newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' })
const ec = await newKey({ KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' })
await call('DisableKey', { KeyId: rsa })

test('ListKeys Filters: KeyState, KeySpec, KeyUsage, ProtectionLevel, DKMSInstanceId, CreatorType; AND across, OR within', async () => {
  assert.equal(ids(await filtered([{ Key: 'KeyState', Values: ['Disabled'] }])), [rsa])
  assert.equal(ids(await filtered([{ Key: 'KeySpec', Values: ['RSA_2048', 'EC_P256'] }])), [rsa, ec])
  assert.equal(ids(await filtered([{ Key: 'KeySpec', Values: ['RSA_2048', 'EC_P256'] }, { Key: 'KeyState', Values: ['Enabled'] }])), [ec])
  assert.equal(ids(await filtered([{ Key: 'KeyUsage', Values: ['SIGN/VERIFY'] }])), [ec])
  assert.equal(ids(await filtered([{ Key: 'ProtectionLevel', Values: ['HSM'] }])), [])
  assert.ok(ids(await filtered([{ Key: 'DKMSInstanceId', Values: [INSTANCE_A] }])).includes(aes))
  assert.ok(ids(await filtered([{ Key: 'CreatorType', Values: ['User'] }])).includes(aes))
  const none = await filtered([{ Key: 'CreatorType', Values: ['Service'] }])
  assert.equal([ids(none), none.TotalCount], [[], 0], 'no service-managed keys here (S-1.1)')
})

test('ListKeys Filters: an unknown Key, an impossible value, bad JSON or too many filters is InvalidParameter', async () => {
  assert.is(await code(filtered([{ Key: 'Color', Values: ['red'] }])), 'InvalidParameter')
  assert.is(await code(filtered([{ Key: 'KeyState', Values: ['Melted'] }])), 'InvalidParameter')
  assert.is(await code(filtered([{ Key: 'KeyState', Values: ['Deleted'] }])), 'InvalidParameter', 'deleted keys are never listed')
  assert.is(await code(filtered([{ Key: 'KeyState', Values: [] }])), 'InvalidParameter')
  assert.is(await code(call('ListKeys', { Filters: '[{' })), 'InvalidParameter')
  assert.is(await code(filtered(Array.from({ length: 11 }, () => ({ Key: 'KeyState', Values: ['Enabled'] })))), 'InvalidParameter')
})

test('ListKeys pages oldest first with TotalCount; another account sees none of these keys', async () => {
  const all = await call('ListKeys', { PageSize: 100 })
  const p1 = await call('ListKeys', { PageNumber: 1, PageSize: 2 })
  const p2 = await call('ListKeys', { PageNumber: 2, PageSize: 2 })
  assert.equal([...ids(p1), ...ids(p2)], ids(all).slice(0, 4))
  assert.is(p1.TotalCount, all.TotalCount)
  assert.equal([p2.PageNumber, p2.PageSize], [2, 2])
  const b = await popB.request('ListKeys', { PageSize: 100 }, { method: 'POST' })
  assert.not.ok(ids(b).some((k) => [aes, rsa, ec].includes(k)))
})

test('read-your-writes: every answer comes after the views reached it (30 rounds, no pause)', async () => {
  for (let i = 0; i < 30; i++) {
    const before = (await call('ListKeys', { PageSize: 1 })).TotalCount as number
    const keyId = await newKey({ Description: `round ${i}` })
    const after = await call('ListKeys', { PageSize: 1 })
    assert.is(after.TotalCount, before + 1, `round ${i}: CreateKey → ListKeys`)
    await call('DisableKey', { KeyId: keyId })
    assert.ok(ids(await filtered([{ Key: 'KeyState', Values: ['Disabled'] }])).includes(keyId), `round ${i}: DisableKey → filter`)
    await call('CreateAlias', { AliasName: `alias/ryw-${i}`, KeyId: keyId })
    const byKey = await call('ListAliasesByKeyId', { KeyId: keyId })
    assert.equal(byKey.Aliases.Alias.map((a: { AliasName: string }) => a.AliasName), [`alias/ryw-${i}`], `round ${i}: CreateAlias → ListAliasesByKeyId`)
    await call('TagResources', { RegionId: REGION, ResourceType: 'key', ResourceId: [keyId], Tag: [{ Key: 'round', Value: String(i) }] })
    const tags = await call('ListTagResources', { RegionId: REGION, ResourceType: 'key', ResourceId: [keyId] })
    assert.equal(tags.TagResources.TagResource.map((t: { TagKey: string; TagValue: string }) => `${t.TagKey}=${t.TagValue}`), [`round=${i}`])
  }
})

test('ListAliases, ListTagResources and ListKeyVersions answer from the catalogue', async () => {
  await call('CreateAlias', { AliasName: 'alias/catalogue-a', KeyId: aes })
  await call('UpdateAlias', { AliasName: 'alias/catalogue-a', KeyId: ec })
  const aliases = await call('ListAliases', { PageSize: 100 })
  const a = aliases.Aliases.Alias.find((x: { AliasName: string }) => x.AliasName === 'alias/catalogue-a')
  assert.equal([a.AliasArn, a.KeyId], [`acs:kms:${REGION}:${ACCOUNT_A}:alias/catalogue-a`, ec], 'UpdateAlias moved it to ec')
  assert.is(aliases.TotalCount, aliases.Aliases.Alias.length)
  await call('TagResource', { KeyId: aes, Tags: JSON.stringify([{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'pay' }]) })
  await call('TagResource', { KeyId: ec, Tags: JSON.stringify([{ TagKey: 'env', TagValue: 'dev' }]) })
  const prod = await call('ListTagResources', { RegionId: REGION, ResourceType: 'key', Tag: [{ Key: 'env', Value: 'prod' }] })
  assert.equal(prod.TagResources.TagResource.map((t: { ResourceId: string; TagKey: string }) => `${t.ResourceId}:${t.TagKey}`), [`${aes}:env`, `${aes}:team`])
  assert.is(prod.NextToken, '')
  assert.is(await code(call('ListTagResources', { RegionId: REGION, ResourceType: 'key', NextToken: 'not-a-token' })), 'InvalidParameter')
  const v = await call('ListKeyVersions', { KeyId: aes })
  assert.is(v.TotalCount, 1)
  assert.is(v.KeyVersions.KeyVersion[0].KeyId, aes)
})

test('ListKeyHistory: the key\'s lifecycle in order with principal, source IP and request id; paged', async () => {
  const keyId = await newKey()
  await call('DisableKey', { KeyId: keyId })
  await call('EnableKey', { KeyId: keyId })
  await call('TagResource', { KeyId: keyId, Tags: JSON.stringify([{ TagKey: 'k', TagValue: 'v' }]) })
  const h = await call('ListKeyHistory', { KeyId: keyId, PageSize: 3 })
  assert.is(h.TotalCount, 4)
  assert.equal(h.Events.Event.map((e: { Type: string }) => e.Type), ['KeyCreated', 'KeyDisabled', 'KeyEnabled'])
  const first = h.Events.Event[0]
  assert.is(first.Principal, `acs:ram::${ACCOUNT_A}:root`)
  assert.is(first.SourceIp, '127.0.0.1')
  assert.match(first.RequestId, /^[0-9a-f-]{36}$/)
  assert.match(first.Time, /^\d{4}-\d{2}-\d{2}T/)
  const p2 = await call('ListKeyHistory', { KeyId: keyId, PageSize: 3, PageNumber: 2 })
  assert.equal(p2.Events.Event.map((e: { Type: string; Detail: string }) => `${e.Type} ${e.Detail}`), ['TagBound k=v'])
  // another account's caller is refused like any key action on a key it may not use
  assert.is((await sdkError(popB.request('ListKeyHistory', { KeyId: `acs:kms:${REGION}:${ACCOUNT_A}:key/${keyId}` }, { method: 'POST' }))).data['Code'], 'Forbidden.NoPermission')
})

/** Records every read the server makes of its event store while `f` runs. */
const reads = async <T>(f: () => Promise<T>): Promise<{ value: T; all: unknown[]; streams: [string, number | undefined, number | undefined][] }> => {
  const all: unknown[] = []
  const streams: [string, number | undefined, number | undefined][] = []
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be rebound with .call(app.store) below
  const { readAll, readStream } = app.store
  app.store.readAll = (o) => { all.push(o); return readAll.call(app.store, o) }
  app.store.readStream = (id, from, limit) => { streams.push([id, from, limit]); return readStream.call(app.store, id, from, limit) }
  try {
    return { value: await f(), all, streams }
  } finally {
    app.store.readAll = readAll
    app.store.readStream = readStream
  }
}

test('ListKeyHistory reads a key\'s usage only as far as the page reaches, counts from the view, and caps the depth', async () => {
  const keyId = await newKey()
  for (let i = 0; i < 12; i++) await call('Encrypt', { KeyId: keyId, Plaintext: Buffer.from(`p${i}`).toString('base64') })
  const { value: p2, all, streams } = await reads(() => call('ListKeyHistory', { KeyId: keyId, PageSize: 4, PageNumber: 2 }))
  assert.is(p2.TotalCount, 13)
  assert.equal(p2.Events.Event.map((e: { Type: string }) => e.Type), ['ActionInvoked', 'ActionInvoked', 'ActionInvoked', 'ActionInvoked'])
  assert.equal(p2.Events.Event.map((e: { Revision: number }) => e.Revision), [3, 4, 5, 6])
  assert.ok(streams.some(([id, , limit]) => id === `keyusage-${keyId}` && limit === 8), JSON.stringify(streams))
  // (the key's own lifecycle stream is also loaded whole to resolve and authorize the key, as every key action does)
  assert.ok(streams.filter(([id]) => id.startsWith('keyusage-')).every(([, , limit]) => limit === 8), 'usage read with the page\'s reach only')
  assert.ok(all.every((o) => (o as { streamPrefixes?: string[] } | undefined)?.streamPrefixes?.length), 'no read of the whole log')
  const last = await call('ListKeyHistory', { KeyId: keyId, PageSize: 4, PageNumber: 4 })
  assert.equal(last.Events.Event.map((e: { Revision: number }) => e.Revision), [11])
  assert.is(await code(call('ListKeyHistory', { KeyId: keyId, PageSize: 100, PageNumber: 101 })), 'Rejected.LimitExceeded')
})

test('issue 13 item 3: ListKeyHistory pages through any depth with NextToken (12,345 events, past the 10,000 PageNumber reach)', async () => {
  const keyId = await newKey()
  await bulkUsage(app.store, keyId, `acs:ram::${ACCOUNT_A}:root`, 12_345)
  const revisions: number[] = []
  let token: string | undefined
  let pages = 0
  let widest = 0
  let total = 0
  do {
    const { value: page, streams } = await reads(() => call('ListKeyHistory', { KeyId: keyId, PageSize: 100, ...(token ? { NextToken: token } : {}) }))
    widest = Math.max(widest, ...streams.filter(([id]) => id.startsWith('keyusage-')).map(([, , limit]) => limit ?? Infinity))
    total = page.TotalCount
    revisions.push(...page.Events.Event.filter((e: { Stream: string }) => e.Stream.startsWith('keyusage-')).map((e: { Revision: number }) => e.Revision))
    token = page.NextToken
    pages++
  } while (token && pages < 200)
  assert.is(pages, 124)
  assert.is(total, 12_346, 'the last page counts every source it read to its end')
  assert.equal(revisions, Array.from({ length: 12_345 }, (_, i) => i), 'every event once, in order')
  assert.is(widest, 100, 'each page reads one page of the usage stream, however deep')
  // A token is bound to its key and cannot be forged into another shape.
  const first = await call('ListKeyHistory', { KeyId: keyId, PageSize: 10 })
  assert.is(await code(call('ListKeyHistory', { KeyId: aes, NextToken: first.NextToken })), 'InvalidParameter')
  assert.is(await code(call('ListKeyHistory', { KeyId: keyId, NextToken: 'eyJ2IjoxfQ' })), 'InvalidParameter')
})

test('GetComplianceReport reads only the caller\'s keys\' streams, never the whole log', async () => {
  const { value: r, all, streams } = await reads(() => call('GetComplianceReport', { ReportName: 'inventory' }))
  assert.ok(r.TotalCount > 0)
  assert.equal(all, [], 'no readAll')
  assert.ok(streams.length > 0 && streams.every(([id, , limit]) => /^(key|keyusage)-/.test(id) && limit !== undefined), JSON.stringify(streams.slice(0, 3)))
  const b = await reads(() => popB.request('GetComplianceReport', { ReportName: 'inventory' }, { method: 'POST' }))
  assert.not.ok(b.streams.some(([id]) => [aes, rsa, ec].some((k) => id.endsWith(k))), 'another account\'s report reads none of these keys')
})

test('GetComplianceReport: rows as JSON over the caller\'s account only; bad names and parameters refused', async () => {
  const r = await call('GetComplianceReport', { ReportName: 'inventory' })
  assert.is(r.ReportName, 'inventory')
  assert.ok(r.Columns.Column.length > 0)
  assert.ok(Array.isArray(r.Rows.Row))
  const noProtection = await call('GetComplianceReport', { ReportName: 'no-deletion-protection' })
  const listed = noProtection.Rows.Row.map((x: { KeyId: string }) => x.KeyId)
  assert.ok(listed.includes(aes))
  const other = await popB.request('GetComplianceReport', { ReportName: 'no-deletion-protection' }, { method: 'POST' })
  assert.not.ok(other.Rows.Row.some((x: { KeyId: string }) => listed.includes(x.KeyId)), 'account B sees none of A\'s keys')
  const past = await call('GetComplianceReport', { ReportName: 'no-deletion-protection', At: '2001-01-01T00:00:00Z' })
  assert.equal(past.Rows.Row, [], 'as of 2001 there was no key')
  const tags = await call('GetComplianceReport', { ReportName: 'missing-tags', RequireTags: 'env,team' })
  assert.not.ok(tags.Rows.Row.some((x: { KeyId: string }) => x.KeyId === aes), 'aes carries env and team')
  assert.ok(tags.Rows.Row.some((x: { KeyId: string }) => x.KeyId === ec))
  assert.is(await code(call('GetComplianceReport', { ReportName: 'nope' })), 'InvalidParameter')
  assert.is(await code(call('GetComplianceReport', { ReportName: 'missing-tags' })), 'InvalidParameter')
  assert.is(await code(call('GetComplianceReport', { ReportName: 'unused', Days: 0 })), 'InvalidParameter')
  assert.is(await code(call('GetComplianceReport', { ReportName: 'inventory', At: 'yesterday' })), 'InvalidParameter')
  assert.is(await code(call('GetComplianceReport', {})), 'MissingParameter')
})

test('GetKeyLastCallTime and DescribeKeyAssociations of a key never called: Unused, no time, no product', async () => {
  const keyId = await newKey()
  const l = await call('GetKeyLastCallTime', { KeyId: keyId })
  assert.equal([l.KeyId, l.Status, l.LastCallTime], [keyId, 'Unused', ''])
  const a = await call('DescribeKeyAssociations', { KeyId: keyId })
  assert.equal([a.Status, a.Products.Product], ['Unused', []])
})

test.after(async () => {
  await app.close()
})

test.run()
