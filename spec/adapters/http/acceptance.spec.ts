import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startTestServer, ACCOUNT_A, INSTANCE_A, KEY_A, KEY_B } from '../../support/api-server.ts'
import { $kms, kmsClient, popClient, sdkError } from '../../support/sdk-clients.ts'

// The API driven by the official SDK (npm @alicloud/kms20160120 1.2.0, RPC v1) and pop-core, over real HTTP on
// 127.0.0.1: the lifecycle, the §5.2 state table, seed rules, and errors exactly as the SDK sees them.

const app = await startTestServer()
const kms = kmsClient(app.api.port, KEY_A)
const pop = popClient(app.api.port, KEY_A)
const kmsB = kmsClient(app.api.port, KEY_B)
const req = (name: string, m: Record<string, unknown> = {}) => new $kms[`${name}Request`]!(m)
const post = (action: string, params: Record<string, unknown>) => pop.request(action, params, { method: 'POST' })

const newKey = async (m: Record<string, unknown> = {}): Promise<string> => (await kms.createKey(req('CreateKey', m))).keyMetadata.keyId
const stateOf = async (keyId: string): Promise<string> => (await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.keyState
const rejects = async (p: Promise<unknown>, code: string, status: number) => {
  const e = await sdkError(p)
  assert.is(e.code, `${code}Error`)
  assert.is(e.data['Code'], code)
  assert.is(e.data['HttpStatus'], status)
  assert.type(e.data['RequestId'], 'string')
  assert.type(e.data['HostId'], 'string')
}

test('CreateKey without DKMSInstanceId goes to the account default instance; DescribeKey shows the metadata', async () => {
  const r = await kms.createKey(req('CreateKey', { description: 'orders', enableAutomaticRotation: true, rotationInterval: '30d' }))
  const m = r.keyMetadata
  assert.match(m.keyId, /^key-[a-z0-9]+$/)
  assert.is(m.arn, `acs:kms:cn-hangzhou:${ACCOUNT_A}:key/${m.keyId}`)
  assert.is(m.keyState, 'Enabled')
  assert.is(m.keySpec, 'Aliyun_AES_256')
  assert.is(m.automaticRotation, 'Enabled')
  assert.is(m.rotationInterval, '2592000s')
  assert.match(m.creationDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  const d = await pop.request('DescribeKey', { KeyId: m.keyId })
  assert.is(d.KeyMetadata.DKMSInstanceId, INSTANCE_A)
  assert.is(d.KeyMetadata.DeletionProtection, 'Disabled')
  assert.type(d.RequestId, 'string')
})

test('the whole lifecycle: disable, enable, protect, schedule deletion, cancel', async () => {
  const keyId = await newKey()
  await kms.disableKey(req('DisableKey', { keyId }))
  assert.is(await stateOf(keyId), 'Disabled')
  await kms.enableKey(req('EnableKey', { keyId }))
  assert.is(await stateOf(keyId), 'Enabled')
  await kms.updateKeyDescription(req('UpdateKeyDescription', { keyId, description: 'new text' }))
  await post('SetDeletionProtection', { KeyId: keyId, EnableDeletionProtection: true, DeletionProtectionDescription: 'prod' })
  const d = (await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata
  assert.is(d.description, 'new text')
  // S-7.1: protected keys cannot be scheduled for deletion
  await rejects(kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 })), 'Rejected.DeletionProtection', 409)
  await post('SetDeletionProtection', { KeyId: keyId, EnableDeletionProtection: false })
  await kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 }))
  const pending = (await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata
  assert.is(pending.keyState, 'PendingDeletion')
  assert.match(pending.deleteDate, /Z$/)
  // S-7.2: a key pending deletion cannot be protected
  const e = await sdkError(post('SetDeletionProtection', { KeyId: keyId, EnableDeletionProtection: true }))
  assert.is(e.data['Code'], 'Rejected.StateModifiedFailed')
  await kms.cancelKeyDeletion(req('CancelKeyDeletion', { keyId }))
  assert.is(await stateOf(keyId), 'Enabled') // S-8.3
})

test('§5.2 state table: rejections as the SDK sees them (409)', async () => {
  const keyId = await newKey()
  await rejects(kms.cancelKeyDeletion(req('CancelKeyDeletion', { keyId })), 'Rejected.StateModifiedFailed', 409)
  await kms.disableKey(req('DisableKey', { keyId }))
  await rejects(kms.updateRotationPolicy(req('UpdateRotationPolicy', { keyId, enableAutomaticRotation: false })), 'Rejected.Disabled', 409)
  await kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 }))
  await rejects(kms.enableKey(req('EnableKey', { keyId })), 'Rejected.StateModifiedFailed', 409)
  await rejects(kms.disableKey(req('DisableKey', { keyId })), 'Rejected.StateModifiedFailed', 409)
  await rejects(kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 })), 'Rejected.StateModifiedFailed', 409)
  await rejects(kms.updateKeyDescription(req('UpdateKeyDescription', { keyId, description: 'x' })), 'Rejected.PendingDeletion', 409)
  await rejects(kms.tagResource(req('TagResource', { keyId, tags: '[{"TagKey":"a","TagValue":"b"}]' })), 'Rejected.PendingDeletion', 409)
  await rejects(kms.createAlias(req('CreateAlias', { keyId, aliasName: 'alias/late' })), 'Rejected.StateModifiedFailed', 409)
  await rejects(kms.updateRotationPolicy(req('UpdateRotationPolicy', { keyId, enableAutomaticRotation: false })), 'Rejected.PendingDeletion', 409)
  // reads still succeed
  assert.is((await kms.listKeyVersions(req('ListKeyVersions', { keyId }))).totalCount, 1)
  assert.equal((await kms.listResourceTags(req('ListResourceTags', { keyId }))).tags.tag, [])
})

test('S-8.1 the pending window is 7 to 366 days', async () => {
  const keyId = await newKey()
  await rejects(kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 6 })), 'InvalidParameter', 400)
  await rejects(kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 367 })), 'InvalidParameter', 400)
  await rejects(kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId })), 'MissingParameter', 400)
  await kms.scheduleKeyDeletion(req('ScheduleKeyDeletion', { keyId, pendingWindowInDays: 366 }))
})

test('S-4.2 rotation interval 7 to 365 days, on CreateKey and UpdateRotationPolicy', async () => {
  await rejects(kms.createKey(req('CreateKey', { enableAutomaticRotation: true, rotationInterval: '6d' })), 'InvalidParameter', 400)
  await rejects(kms.createKey(req('CreateKey', { enableAutomaticRotation: true, rotationInterval: '366d' })), 'InvalidParameter', 400)
  const keyId = await newKey({ enableAutomaticRotation: true, rotationInterval: '604800s' })
  await rejects(kms.updateRotationPolicy(req('UpdateRotationPolicy', { keyId, enableAutomaticRotation: true, rotationInterval: '400d' })), 'InvalidParameter', 400)
  await kms.updateRotationPolicy(req('UpdateRotationPolicy', { keyId, enableAutomaticRotation: true, rotationInterval: '365d' }))
  assert.is((await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.rotationInterval, '31536000s')
  await kms.updateRotationPolicy(req('UpdateRotationPolicy', { keyId, enableAutomaticRotation: false }))
  assert.is((await kms.describeKey(req('DescribeKey', { keyId }))).keyMetadata.automaticRotation, 'Disabled')
})

test('S-3.1 aliases: create, resolve in DescribeKey, list, retarget, delete; bad names and duplicates refused', async () => {
  const a = await newKey()
  const b = await newKey()
  await kms.createAlias(req('CreateAlias', { keyId: a, aliasName: 'alias/app_1-x/y' }))
  await rejects(kms.createAlias(req('CreateAlias', { keyId: b, aliasName: 'alias/app_1-x/y' })), 'AliasAlreadyExists', 400)
  await rejects(kms.createAlias(req('CreateAlias', { keyId: a, aliasName: 'alias/bad name' })), 'InvalidParameter', 400)
  await rejects(kms.createAlias(req('CreateAlias', { keyId: a, aliasName: 'alias/acs/x' })), 'InvalidParameter', 400)
  await rejects(kms.createAlias(req('CreateAlias', { keyId: a, aliasName: 'noprefix' })), 'InvalidParameter', 400)
  assert.is((await kms.describeKey(req('DescribeKey', { keyId: 'alias/app_1-x/y' }))).keyMetadata.keyId, a)
  const byKey = await kms.listAliasesByKeyId(req('ListAliasesByKeyId', { keyId: a }))
  assert.equal(byKey.aliases.alias.map((x: { aliasName: string }) => x.aliasName), ['alias/app_1-x/y'])
  assert.is(byKey.aliases.alias[0].aliasArn, `acs:kms:cn-hangzhou:${ACCOUNT_A}:alias/app_1-x/y`)
  await kms.updateAlias(req('UpdateAlias', { keyId: b, aliasName: 'alias/app_1-x/y' }))
  assert.is((await kms.describeKey(req('DescribeKey', { keyId: `acs:kms:cn-hangzhou:${ACCOUNT_A}:alias/app_1-x/y` }))).keyMetadata.keyId, b)
  const all = await kms.listAliases(req('ListAliases', {}))
  assert.ok(all.totalCount >= 1)
  await kms.deleteAlias(req('DeleteAlias', { aliasName: 'alias/app_1-x/y' }))
  await rejects(kms.describeKey(req('DescribeKey', { keyId: 'alias/app_1-x/y' })), 'Forbidden.AliasNotFound', 404)
  await rejects(kms.deleteAlias(req('DeleteAlias', { aliasName: 'alias/app_1-x/y' })), 'Forbidden.AliasNotFound', 404)
})

test('S-3.2–3.4 tags on one key and on several (TagResources / UntagResources / ListTagResources)', async () => {
  const a = await newKey()
  const b = await newKey()
  await kms.tagResource(req('TagResource', { keyId: a, tags: '[{"TagKey":"env","TagValue":"prod"},{"TagKey":"team","TagValue":"a b"}]' }))
  const listed = await kms.listResourceTags(req('ListResourceTags', { keyId: a }))
  assert.equal(listed.tags.tag.map((t: { tagKey: string; tagValue: string }) => [t.tagKey, t.tagValue]), [['env', 'prod'], ['team', 'a b']])
  await rejects(kms.tagResource(req('TagResource', { keyId: a, tags: '[{"TagKey":"aliyun:x","TagValue":"v"}]' })), 'InvalidParameter', 400)
  await rejects(kms.tagResource(req('TagResource', { keyId: a, tags: `[{"TagKey":"${'k'.repeat(129)}","TagValue":"v"}]` })), 'InvalidParameter', 400)
  const many = JSON.stringify(Array.from({ length: 19 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' })))
  await rejects(kms.tagResource(req('TagResource', { keyId: a, tags: many })), 'Rejected.LimitExceeded', 400) // 2 + 19 > 20
  await post('TagResources', { RegionId: 'cn-hangzhou', ResourceType: 'key', ResourceId: [a, b], Tag: [{ Key: 'cost', Value: 'c1' }] })
  const tr = await post('ListTagResources', { RegionId: 'cn-hangzhou', ResourceType: 'key', ResourceId: [a, b], Tag: [{ Key: 'cost' }] })
  assert.equal(tr.TagResources.TagResource.filter((r: { TagKey: string }) => r.TagKey === 'cost').map((r: { ResourceId: string }) => r.ResourceId).sort(), [a, b].sort())
  assert.is(tr.NextToken, '')
  await post('UntagResources', { RegionId: 'cn-hangzhou', ResourceType: 'key', ResourceId: [a, b], TagKey: ['cost'] })
  await kms.untagResource(req('UntagResource', { keyId: a, tagKeys: '["env"]' }))
  assert.equal((await kms.listResourceTags(req('ListResourceTags', { keyId: a }))).tags.tag.map((t: { tagKey: string }) => t.tagKey), ['team'])
  assert.equal((await kms.listResourceTags(req('ListResourceTags', { keyId: b }))).tags.tag, [])
})

test('S-1.2 without a default instance CreateKey makes the region default key, only once per account; it takes no tags', async () => {
  const r = await kmsB.createKey(req('CreateKey', { description: 'default' }))
  assert.match(r.keyMetadata.keyId, /^[0-9a-f-]{36}$/)
  assert.is(r.keyMetadata.rotationInterval, '31536000s')
  await rejects(kmsB.createKey(req('CreateKey', {})), 'Rejected.LimitExceeded', 400)
  await rejects(kmsB.tagResource(req('TagResource', { keyId: r.keyMetadata.keyId, tags: '[{"TagKey":"a","TagValue":"b"}]' })), 'Rejected.UnsupportedOperation', 400)
  // another account's key is not found
  await rejects(kms.describeKey(req('DescribeKey', { keyId: r.keyMetadata.keyId })), 'Forbidden.KeyNotFound', 404)
})

test('ListKeys pages through the account keys; versions, policy, regions, default instance', async () => {
  const keyId = await newKey()
  const page = await kms.listKeys(req('ListKeys', { pageNumber: 1, pageSize: 2 }))
  assert.is(page.keys.key.length, 2)
  assert.ok(page.totalCount >= 2)
  const filtered = await post('ListKeys', { Filters: '[{"Key":"KeyState","Values":["PendingDeletion"]}]', PageSize: 100 })
  assert.ok(filtered.Keys.Key.every((k: { KeyId: string }) => k.KeyId !== keyId))
  const versions = await kms.listKeyVersions(req('ListKeyVersions', { keyId }))
  const v = versions.keyVersions.keyVersion[0]
  assert.is((await kms.describeKeyVersion(req('DescribeKeyVersion', { keyId, keyVersionId: v.keyVersionId }))).keyVersion.keyVersionId, v.keyVersionId)
  await rejects(kms.describeKeyVersion(req('DescribeKeyVersion', { keyId, keyVersionId: '00000000-0000-4000-8000-000000000000' })), 'Forbidden.KeyVersionNotFound', 404)
  await rejects(kms.createKeyVersion(req('CreateKeyVersion', { keyId })), 'Rejected.UnsupportedOperation', 400) // symmetric keys rotate
  const policy = JSON.parse((await post('GetKeyPolicy', { KeyId: keyId })).Policy)
  assert.is(policy.Version, '1')
  await post('SetKeyPolicy', { KeyId: keyId, Policy: JSON.stringify({ ...policy, Statement: [{ ...policy.Statement[0], Sid: 'mine' }] }) })
  assert.is(JSON.parse((await post('GetKeyPolicy', { KeyId: keyId, PolicyName: 'default' })).Policy).Statement[0].Sid, 'mine')
  assert.is((await sdkError(post('GetKeyPolicy', { KeyId: keyId, PolicyName: 'other' }))).data['Code'], 'Forbidden.ResourceNotFound')
  assert.is((await sdkError(post('SetKeyPolicy', { KeyId: keyId, Policy: '{"Version":"2"}' }))).data['Code'], 'InvalidParameter')
  assert.equal((await kms.describeRegions(req('DescribeRegions'))).regions.region.map((r: { regionId: string }) => r.regionId), ['cn-hangzhou'])
  assert.is((await post('GetDefaultKmsInstance', {})).DefaultKmsInstanceId, INSTANCE_A)
})

test('asymmetric keys: CreateKeyVersion needs 7 days since the last version', async () => {
  const keyId = await newKey({ keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY' })
  await rejects(kms.createKeyVersion(req('CreateKeyVersion', { keyId })), 'Rejected.UnsupportedOperation', 400)
})

test('errors as the SDK sees them: unknown key 404, missing parameter, unknown action, unknown access key', async () => {
  await rejects(kms.describeKey(req('DescribeKey', { keyId: 'nope' })), 'Forbidden.KeyNotFound', 404)
  await rejects(kms.describeKey(req('DescribeKey', {})), 'MissingParameter', 400)
  await rejects(kms.createKey(req('CreateKey', { keySpec: 'AES_9' })), 'InvalidParameter', 400)
  await rejects(kms.enableKey(req('EnableKey', { keyId: 'alias/x' })), 'InvalidParameter', 400)
  const e = await sdkError(post('NoSuchAction', {}))
  assert.is(e.code, 'InvalidAction.NotFound')
  // Encrypt is served (adapters/http/actions/crypto.ts): an unknown key is 404 there too
  await rejects(kms.encrypt(req('Encrypt', { keyId: 'key-abcdefgh12345678', plaintext: 'aGk=' })), 'Forbidden.KeyNotFound', 404)
  const stranger = kmsClient(app.api.port, { id: 'nobody', secret: 'x' })
  await rejects(stranger.describeRegions(req('DescribeRegions')), 'InvalidAccessKeyId.NotFound', 404)
  const wrong = kmsClient(app.api.port, { id: KEY_A.id, secret: 'wrong' })
  await rejects(wrong.describeRegions(req('DescribeRegions')), 'SignatureDoesNotMatch', 400)
})

test('every stored event carries the principal, the request id and the source IP', async () => {
  const before = (await app.store.readAll()).length
  await newKey()
  const events = (await app.store.readAll()).slice(before)
  assert.ok(events.length > 0)
  for (const e of events) {
    assert.is(e.metadata.principal, `acs:ram::${ACCOUNT_A}:root`)
    assert.match(e.metadata.requestId, /^[0-9a-f-]{36}$/)
    assert.is(e.metadata.sourceIp, '127.0.0.1')
  }
})

test.after(() => app.close())
test.run()
