import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SqliteKeyCatalogueQuery } from '../../../adapters/readstore/key-catalogue-query.ts'
import { ACCOUNT, REGION, T0, World, at } from '../../support/projection-world.ts'

const setup = async () => {
  const w = new World()
  const aes = await w.createKey(T0, { tags: [tag('env', 'prod'), tag('team', 'pay')] })
  const rsa = await w.createKey(at(T0, 1), { spec: 'RSA_2048', usage: 'SIGN/VERIFY', tags: [tag('env', 'dev')] })
  const hsm = await w.createKey(at(T0, 2), { kind: 'hardware', instanceId: 'kst-hsm00001', protectionLevel: 'HSM', spec: 'Aliyun_SM4' })
  const gone = await w.createKey(at(T0, 3))
  await w.run(rsa, { type: 'DisableKey', now: at(T0, 4) })
  await w.run(gone, { type: 'ScheduleKeyDeletion', now: at(T0, 4), pendingWindowInDays: 7 })
  await w.run(gone, { type: 'DeleteKey', now: at(T0, 11) })
  await w.alias({ type: 'CreateAlias', alias: 'alias/pay', keyId: aes, accountId: ACCOUNT, region: REGION }, at(T0, 5))
  await w.alias({ type: 'CreateAlias', alias: 'alias/sign', keyId: aes, accountId: ACCOUNT, region: REGION }, at(T0, 5))
  await w.alias({ type: 'UpdateAlias', alias: 'alias/sign', keyId: rsa, accountId: ACCOUNT, region: REGION }, at(T0, 6))
  await w.alias({ type: 'CreateAlias', alias: 'alias/tmp', keyId: hsm, accountId: ACCOUNT, region: REGION }, at(T0, 6))
  await w.alias({ type: 'DeleteAlias', alias: 'alias/tmp', accountId: ACCOUNT, region: REGION }, at(T0, 7))
  await w.run(aes, { type: 'UntagKey', now: at(T0, 8), tagKeys: ['team'] })
  await w.run(aes, { type: 'RotateKey', now: at(T0, 9), versionId: '00000000-0000-4000-8000-000000000099', reason: 'manual' })
  await w.catchUp()
  return { w, q: new SqliteKeyCatalogueQuery(w.readStore), aes, rsa, hsm, gone }
}
const tag = (k: string, v: string) => ({ TagKey: k, TagValue: v }) as never

test('ListKeys lists the keys that are not deleted, in creation order, with TotalCount', async () => {
  const { w, q, aes, rsa, hsm } = await setup()
  const page = await q.listKeys({ filters: { accountId: ACCOUNT, region: REGION }, pageNumber: 1, pageSize: 10 })
  assert.equal(page.keys.map((k) => k.KeyId), [aes, rsa, hsm])
  assert.is(page.totalCount, 3)
  assert.is(page.keys[0]!.KeyArn, `acs:kms:${REGION}:${ACCOUNT}:key/${aes}`)
  await w.close()
})

test('ListKeys pages with PageNumber and PageSize; TotalCount counts every page', async () => {
  const { w, q, rsa, hsm } = await setup()
  const p2 = await q.listKeys({ pageNumber: 2, pageSize: 1 })
  assert.equal(p2.keys.map((k) => k.KeyId), [rsa])
  assert.is(p2.totalCount, 3)
  const p3 = await q.listKeys({ pageNumber: 3, pageSize: 1 })
  assert.equal(p3.keys.map((k) => k.KeyId), [hsm])
  assert.equal((await q.listKeys({ pageNumber: 4, pageSize: 1 })).keys, [])
  await w.close()
})

test('ListKeys filters by state, spec, usage, protection level, instance, origin, tag and alias', async () => {
  const { w, q, aes, rsa, hsm, gone } = await setup()
  const ids = async (filters: Parameters<typeof q.listKeys>[0]['filters']) => (await q.listKeys({ filters, pageNumber: 1, pageSize: 10 })).keys.map((k) => k.KeyId)
  assert.equal(await ids({ states: ['Disabled'] }), [rsa])
  assert.equal(await ids({ states: ['Deleted'] }), [gone], 'deleted keys only when asked for')
  assert.equal(await ids({ specs: ['RSA_2048', 'Aliyun_SM4'] }), [rsa, hsm])
  assert.equal(await ids({ usages: ['SIGN/VERIFY'] }), [rsa])
  assert.equal(await ids({ protectionLevels: ['HSM'] }), [hsm])
  assert.equal(await ids({ instanceIds: ['kst-test0001'] }), [aes, rsa])
  assert.equal(await ids({ origins: ['EXTERNAL'] }), [])
  assert.equal(await ids({ tags: [{ key: 'env' }] }), [aes, rsa])
  assert.equal(await ids({ tags: [{ key: 'env', value: 'prod' }] }), [aes])
  assert.equal(await ids({ tags: [{ key: 'team' }] }), [], 'an unbound tag no longer matches')
  assert.equal(await ids({ aliases: ['alias/sign'] }), [rsa], 'a retargeted alias follows its new key')
  assert.equal(await ids({ aliases: ['alias/tmp'] }), [], 'a deleted alias matches nothing')
  assert.equal(await ids({ states: ['Enabled'], tags: [{ key: 'env' }] }), [aes], 'filters combine with AND')
  await w.close()
})

test('DescribeKey from the catalogue: state, tags, aliases and versions after rotation', async () => {
  const { w, q, aes } = await setup()
  const k = await q.describeKey(aes)
  assert.ok(k)
  assert.is(k.state, 'Enabled')
  assert.equal(k.tags, { env: 'prod' })
  assert.equal(k.aliases, ['alias/pay'])
  assert.is(k.versions.length, 2)
  assert.is(k.primaryVersionId, '00000000-0000-4000-8000-000000000099')
  assert.is(k.lastRotationDate, at(T0, 9))
  assert.is(await q.describeKey('key-unknown'), null)
  await w.close()
})

test('ListAliases and ListAliasesByKeyId page aliases with their ARNs', async () => {
  const { w, q, aes, rsa } = await setup()
  const all = await q.listAliases({ accountId: ACCOUNT, region: REGION, pageNumber: 1, pageSize: 10 })
  assert.equal(all.aliases.map((a) => [a.AliasName, a.KeyId]), [['alias/pay', aes], ['alias/sign', rsa]])
  assert.is(all.aliases[0]!.AliasArn, `acs:kms:${REGION}:${ACCOUNT}:alias/pay`)
  const byKey = await q.listAliasesByKeyId({ keyId: rsa, pageNumber: 1, pageSize: 10 })
  assert.equal(byKey.aliases.map((a) => a.AliasName), ['alias/sign'])
  assert.is(byKey.totalCount, 1)
  await w.close()
})

test('ListTagResources pages with NextToken until it is empty', async () => {
  const { w, q, aes, rsa } = await setup()
  const first = await q.listTagResources({ pageSize: 1 })
  assert.is(first.rows.length, 1)
  assert.ok(first.nextToken)
  const second = await q.listTagResources({ pageSize: 1, nextToken: first.nextToken })
  assert.is(second.nextToken, '')
  const all = [...first.rows, ...second.rows].map((r) => [r.ResourceId, r.TagKey, r.TagValue])
  assert.equal(all.sort(), [[aes, 'env', 'prod'], [rsa, 'env', 'dev']].sort())
  assert.equal((await q.listTagResources({ keyIds: [rsa], pageSize: 10 })).rows.map((r) => r.TagValue), ['dev'])
  assert.equal((await q.listTagResources({ tags: [{ key: 'nope' }], pageSize: 10 })).rows, [])
  assert.equal(await q.listTagResources({ pageSize: 10, nextToken: 'garbage!' }), { rows: [], nextToken: '' })
  await w.close()
})

test('ListTagResources: account scope hides deleted and other accounts\' keys; tag filters need every tag', async () => {
  const { w, q, aes, rsa } = await setup()
  const keysOf = async (o: Parameters<typeof q.listTagResources>[0]) => [...new Set((await q.listTagResources(o)).rows.map((r) => r.ResourceId))]
  assert.equal((await keysOf({ accountId: ACCOUNT, region: REGION, pageSize: 10 })).sort(), [aes, rsa].sort())
  assert.equal(await keysOf({ accountId: '9999999999999999', region: REGION, pageSize: 10 }), [])
  assert.equal(await keysOf({ accountId: ACCOUNT, region: REGION, tags: [{ key: 'env', value: 'dev' }], pageSize: 10 }), [rsa])
  assert.equal(await keysOf({ accountId: ACCOUNT, region: REGION, tags: [{ key: 'env', value: 'dev' }, { key: 'team' }], pageSize: 10 }), [])
  await w.close()
})

test('ListKeys with coOwnedInstanceIds adds the keys of those instances to the account\'s own', async () => {
  const { w, q, hsm } = await setup()
  const ids = async (filters: Parameters<typeof q.listKeys>[0]['filters']) => (await q.listKeys({ filters, pageNumber: 1, pageSize: 10 })).keys.map((k) => k.KeyId)
  assert.equal(await ids({ accountId: '9999999999999999' }), [])
  assert.equal(await ids({ accountId: '9999999999999999', coOwnedInstanceIds: ['kst-hsm00001'] }), [hsm])
  await w.close()
})

test('ListKeyVersions lists the initial and rotated versions', async () => {
  const { w, q, aes } = await setup()
  const v = await q.listKeyVersions({ keyId: aes, pageNumber: 1, pageSize: 1 })
  assert.is(v.totalCount, 2)
  assert.is(v.versions.length, 1)
  await w.close()
})

test.run()
