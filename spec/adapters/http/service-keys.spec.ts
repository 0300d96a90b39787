import { test } from 'uvu'
import * as assert from 'uvu/assert'
import pino from 'pino'
import { startApp } from '../../../composition/app.ts'
import { decodeConfig } from '../../../composition/config.ts'
import { MemoryEventStore } from '../../../adapters/store/memory.ts'
import { KEYS, O, X, rawConfig, usageOf } from '../../support/authz-server.ts'
import { $kms, kmsClient, popClient, sdkError } from '../../support/sdk-clients.ts'

// S-1.1 service keys (issue 15 item 2) through the HTTP API with the official SDKs: account O declares the cloud
// services oss and ecs (config `accounts[].services`), each calling with an access key of its service role
// `acs:ram::O:role/service.<name>`. A service's CreateKey makes its service key: the service is the creator, the
// alias is alias/acs/<service>, ListKeys' CreatorType=Service lists it, the service uses it, the account
// describes and audits it, and no user may disable, delete, re-policy or use it.

const OSS = { id: 'AKossService', secret: 'secret-of-oss-0123456789' }
const ECS = { id: 'AKecsService', secret: 'secret-of-ecs-0123456789' }
const base = rawConfig()
const config = decodeConfig({
  ...base,
  accounts: base.accounts.map((a) => (a.accountId === O ? { ...a, services: ['oss', 'ecs'] } : a)),
  accessKeys: [
    ...base.accessKeys,
    { accessKeyId: OSS.id, accessKeySecret: OSS.secret, principal: `acs:ram::${O}:role/service.oss` },
    { accessKeyId: ECS.id, accessKeySecret: ECS.secret, principal: `acs:ram::${O}:role/service.ecs` },
  ],
})
if (config._tag === 'Left') throw new Error(config.left)
const store = new MemoryEventStore()
const app = await startApp(config.right, { store, logger: pino({ level: 'silent' }), env: {} })

type Caller = { id: string; secret: string }
const call = (who: Caller, action: string, params: Record<string, unknown>) => popClient(app.api.port, who).request(action, params, { method: 'POST' })
const sdk = (who: Caller) => kmsClient(app.api.port, who)
const req = (name: string, m: Record<string, unknown>) => new $kms[`${name}Request`]!(m)
const root = KEYS.oRoot
const alice = KEYS.alice

const ossKey = (await sdk(OSS).createKey(req('CreateKey', { description: 'OSS server-side encryption' }))).keyMetadata as Record<string, string>

test('S-1.1: a service\'s CreateKey makes its service key: the service is the creator, alias/acs/<service> names it', async () => {
  assert.is(ossKey['creator'], 'oss')
  assert.is(ossKey['keySpec'], 'Aliyun_AES_256')
  assert.is(ossKey['DKMSInstanceId'] ?? '', '')
  const byAlias = await call(root, 'DescribeKey', { KeyId: 'alias/acs/oss' })
  assert.is(byAlias.KeyMetadata.KeyId, ossKey['keyId'])
  assert.is(byAlias.KeyMetadata.Creator, 'oss')
})

test('S-1.1: ListKeys CreatorType=Service lists the service keys ("default keys" tab), CreatorType=User the users\' keys', async () => {
  const mine = (await call(root, 'CreateKey', {})).KeyMetadata.KeyId as string
  const ecsKey = (await call(ECS, 'CreateKey', {})).KeyMetadata.KeyId as string
  const ids = async (types: string[]) =>
    ((await call(root, 'ListKeys', { PageSize: 100, Filters: JSON.stringify([{ Key: 'CreatorType', Values: types }]) })).Keys.Key as { KeyId: string }[]).map((k) => k.KeyId).sort()
  assert.equal(await ids(['Service']), [ossKey['keyId'], ecsKey].sort())
  const users = await ids(['User'])
  assert.ok(users.includes(mine) && !users.includes(ecsKey) && !users.includes(ossKey['keyId']!), JSON.stringify(users))
  assert.is((await ids(['User', 'Service'])).length, users.length + 2)
})

test('S-1.1: the service uses its key for the account; its calls show the service in association detection (S-10)', async () => {
  const oss = sdk(OSS)
  const sealed = await oss.encrypt(req('Encrypt', { keyId: 'alias/acs/oss', plaintext: 'b2JqZWN0IGtleQ==' }))
  const opened = await oss.decrypt(req('Decrypt', { ciphertextBlob: sealed.ciphertextBlob }))
  assert.is(opened.plaintext, 'b2JqZWN0IGtleQ==')
  const a = await call(root, 'DescribeKeyAssociations', { KeyId: ossKey['keyId'] })
  assert.equal(a.Products.Product.map((p: { Service: string }) => p.Service), ['oss'])
  const used = (await usageOf(app, ossKey['keyId']!)).filter((u) => u.data['outcome'] === 'allowed')
  assert.equal(used.map((u) => [u.data['action'], u.data['callerService']]), [['kms:Encrypt', 'oss'], ['kms:Decrypt', 'oss']])
})

test('S-1.1: the account describes and audits a service key (DescribeKey, GetKeyPolicy, ListKeyHistory, GetKeyLastCallTime)', async () => {
  for (const who of [root, alice]) {
    assert.is((await call(who, 'DescribeKey', { KeyId: ossKey['keyId'] })).KeyMetadata.KeyState, 'Enabled')
    const policy = JSON.parse((await call(who, 'GetKeyPolicy', { KeyId: ossKey['keyId'], PolicyName: 'default' })).Policy)
    assert.equal(policy.Statement[0].Principal.RAM, [`acs:ram::${O}:role/service.oss`])
    assert.ok((await call(who, 'ListKeyHistory', { KeyId: ossKey['keyId'] })).Events)
    assert.ok(await call(who, 'GetKeyLastCallTime', { KeyId: ossKey['keyId'] }))
  }
})

test('S-1.1: users cannot disable, delete, re-policy or use a service key (403 Forbidden.NoPermission); the key is unchanged', async () => {
  const keyId = ossKey['keyId']!
  const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Principal: { RAM: [`acs:ram::${O}:*`] }, Action: ['kms:*'], Resource: ['*'] }] })
  for (const who of [root, alice]) {
    for (const [action, params] of [
      ['DisableKey', { KeyId: keyId }], ['ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 }],
      ['SetKeyPolicy', { KeyId: keyId, PolicyName: 'default', Policy: policy }], ['Encrypt', { KeyId: keyId, Plaintext: 'aGk=' }],
      ['SetDeletionProtection', { KeyId: keyId, EnableDeletionProtection: 'false' }],
    ] as const) {
      const e = await sdkError(call(who, action, params))
      assert.is(e.data['Code'], 'Forbidden.NoPermission', `${action}: ${JSON.stringify(e.data)}`)
    }
  }
  // Its alias is the reserved alias/acs: users can neither remove it nor point it elsewhere.
  for (const [action, params] of [['DeleteAlias', { AliasName: 'alias/acs/oss' }], ['UpdateAlias', { AliasName: 'alias/acs/oss', KeyId: keyId }]] as const)
    assert.is((await sdkError(call(root, action, params))).data['Code'], 'InvalidParameter', action)
  const after = (await call(root, 'DescribeKey', { KeyId: 'alias/acs/oss' })).KeyMetadata
  assert.equal([after.KeyState, after.KeyId], ['Enabled', keyId])
  // Another account sees nothing of it.
  const other = await sdkError(call(KEYS.xRoot, 'DescribeKey', { KeyId: `acs:kms:cn-hangzhou:${O}:key/${keyId}` }))
  assert.is(other.data['Code'], 'Forbidden.NoPermission')
  assert.ok(X)
})

test('S-1.1: a service has one key per region (AliasAlreadyExists), chooses nothing a user would, and does not take the user default key (S-1.2)', async () => {
  const again = await sdkError(call(OSS, 'CreateKey', {}))
  assert.is(again.data['Code'], 'AliasAlreadyExists')
  const spec = await sdkError(call(ECS, 'CreateKey', { KeySpec: 'RSA_2048' }))
  assert.equal([spec.data['Code'], /KeySpec/.test(String(spec.data['Message']))], ['InvalidParameter', true])
  const users = await sdkError(call(root, 'CreateAlias', { KeyId: ossKey['keyId'], AliasName: 'alias/acs/mine' }))
  assert.is(users.data['Code'], 'InvalidParameter')
})

test.after(() => app.close())
test.run()
