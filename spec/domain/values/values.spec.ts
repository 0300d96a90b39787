import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  AliasName, KeyId, TagKey, TagList, TagValue, checkSpecForKind, checkUsageForSpec, decodeParam, defaultUsage,
  parseDescription, parseKeyPolicy, parsePendingWindow, parseRotationInterval,
} from '../../../domain/values/index.ts'

const code = (r: E.Either<{ code: string }, unknown>): string => (E.isLeft(r) ? r.left.code : 'ok')
const alias = decodeParam(AliasName, 'AliasName')
const tags = decodeParam(TagList, 'Tags')

test('S-3.1 an alias is alias/ then letters, digits, _, - and /', () => {
  for (const ok of ['alias/prod', 'alias/a', 'alias/team-a/db_key', `alias/${'x'.repeat(255)}`]) assert.is(code(alias(ok)), 'ok', ok)
  for (const bad of ['prod', 'alias/', 'alias/has space', 'alias/dot.name', 'alias/ü', `alias/${'x'.repeat(256)}`, 'ALIAS/x'])
    assert.is(code(alias(bad)), 'InvalidParameter', bad)
})

test('S-3.1 the alias/acs prefix is reserved for the cloud', () => {
  assert.is(code(alias('alias/acs/ecs')), 'InvalidParameter')
  assert.is(code(alias('alias/acsx')), 'InvalidParameter')
  assert.is(code(alias('alias/my-acs')), 'ok')
})

test('S-3.2 tag keys and values: up to 128 of letters, digits, space and / \\ _ - . + = : @', () => {
  const key = decodeParam(TagKey, 'TagKey')
  const value = decodeParam(TagValue, 'TagValue')
  assert.is(code(key('env/prod_1 -.+=:@\\')), 'ok')
  assert.is(code(key('x'.repeat(128))), 'ok')
  assert.is(code(key('x'.repeat(129))), 'InvalidParameter')
  assert.is(code(key('')), 'InvalidParameter')
  assert.is(code(key('a#b')), 'InvalidParameter')
  assert.is(code(key('中文')), 'InvalidParameter')
  assert.is(code(value('')), 'ok')
  assert.is(code(value('v'.repeat(128))), 'ok')
  assert.is(code(value('v'.repeat(129))), 'InvalidParameter')
  assert.is(code(value('a,b')), 'InvalidParameter')
})

test('S-3.3 a tag key must not begin with aliyun or acs:', () => {
  const key = decodeParam(TagKey, 'TagKey')
  for (const bad of ['aliyun', 'aliyunTeam', 'Aliyun-x', 'acs:owner', 'ACS:x']) assert.is(code(key(bad)), 'InvalidParameter', bad)
  for (const ok of ['myaliyun', 'acs', 'acs-x', 'team:acs:']) assert.is(code(key(ok)), 'ok', ok)
})

test('S-3.4 at most 20 tags in one request, each key once', () => {
  const n = (count: number) => Array.from({ length: count }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }))
  assert.is(code(tags(n(20))), 'ok')
  assert.is(code(tags(n(21))), 'InvalidParameter')
  assert.is(code(tags([{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }])), 'InvalidParameter')
  assert.is(code(tags({ TagKey: 'a' })), 'InvalidParameter')
})

test('S-2.2 a software key takes AES-256, RSA 2048/3072 and the two P-256 curves', () => {
  for (const spec of ['Aliyun_AES_256', 'RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K'] as const)
    assert.is(code(checkSpecForKind('software', spec)), 'ok', spec)
  for (const spec of ['Aliyun_AES_128', 'Aliyun_AES_192', 'Aliyun_SM4', 'RSA_4096', 'EC_SM2'] as const)
    assert.is(code(checkSpecForKind('software', spec)), 'InvalidParameter', spec)
})

test('S-2.3 a hardware key takes every spec, the SM algorithms included', () => {
  for (const spec of ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128', 'Aliyun_SM4', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_SM2'] as const)
    assert.is(code(checkSpecForKind('hardware', spec)), 'ok', spec)
})

test('S-2.4 an external key takes only AES-256 and SM4', () => {
  assert.is(code(checkSpecForKind('external', 'Aliyun_AES_256')), 'ok')
  assert.is(code(checkSpecForKind('external', 'Aliyun_SM4')), 'ok')
  assert.is(code(checkSpecForKind('external', 'RSA_2048')), 'InvalidParameter')
  assert.is(code(checkSpecForKind('external', 'Aliyun_AES_128')), 'InvalidParameter')
})

test('S-2.5 usage must suit the spec: EC_P256 and EC_P256K only sign, symmetric keys only encrypt', () => {
  assert.is(code(checkUsageForSpec('EC_P256', 'ENCRYPT/DECRYPT')), 'InvalidParameter')
  assert.is(code(checkUsageForSpec('EC_P256K', 'ENCRYPT/DECRYPT')), 'InvalidParameter')
  assert.is(code(checkUsageForSpec('Aliyun_AES_256', 'SIGN/VERIFY')), 'InvalidParameter')
  assert.is(code(checkUsageForSpec('RSA_2048', 'SIGN/VERIFY')), 'ok')
  assert.is(code(checkUsageForSpec('RSA_2048', 'ENCRYPT/DECRYPT')), 'ok')
  assert.is(code(checkUsageForSpec('EC_SM2', 'ENCRYPT/DECRYPT')), 'ok')
  assert.is(defaultUsage('EC_P256'), 'SIGN/VERIFY')
  assert.is(defaultUsage('RSA_2048'), 'ENCRYPT/DECRYPT')
})

test('S-4.2 a rotation interval is integer[d|h|m|s] between 7 and 365 days', () => {
  assert.equal(parseRotationInterval('7d'), E.right(604_800))
  assert.equal(parseRotationInterval('604800s'), E.right(604_800))
  assert.equal(parseRotationInterval('168h'), E.right(604_800))
  assert.equal(parseRotationInterval('365d'), E.right(31_536_000))
  for (const bad of ['6d', '604799s', '366d', '8760h1', '30', 'd', '-7d', '7.5d', '07d', '', '30D', ' 30d'])
    assert.is(code(parseRotationInterval(bad)), 'InvalidParameter', bad)
})

test('S-8.1 the pending window is 7 to 366 whole days', () => {
  assert.equal(parsePendingWindow(7), E.right(7))
  assert.equal(parsePendingWindow('366'), E.right(366))
  for (const bad of [6, 367, 7.5, '7d', '', null, undefined, '1e1', -7]) assert.is(code(parsePendingWindow(bad)), 'InvalidParameter', String(bad))
})

test('a description is at most 8,192 characters', () => {
  assert.is(code(parseDescription('d'.repeat(8192))), 'ok')
  assert.is(code(parseDescription('d'.repeat(8193))), 'InvalidParameter')
})

test('a key id is key-<letters and digits> or a UUID', () => {
  const keyId = decodeParam(KeyId, 'KeyId')
  assert.is(code(keyId('key-hzz62f1cb66fa42qo1234')), 'ok')
  assert.is(code(keyId('1234abcd-12ab-34cd-56ef-1234567890ab')), 'ok')
  for (const bad of ['key-', 'key-ABC12345', 'alias/x', '../etc', '', 42]) assert.is(code(keyId(bad)), 'InvalidParameter', String(bad))
})

test('a key policy is Version "1" with statements, at most 32,768 bytes', () => {
  const good = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Principal: { RAM: ['acs:ram::123:user/alice'] }, Action: ['kms:Encrypt'], Resource: ['*'] }] })
  assert.is(code(parseKeyPolicy(good)), 'ok')
  const bad = [
    '{', '[]', JSON.stringify({ Version: '2', Statement: [] }),
    JSON.stringify({ Version: '1', Statement: [{ Effect: 'Maybe', Principal: { RAM: ['acs:ram::1:root'] }, Action: ['kms:*'], Resource: ['*'] }] }),
    JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Principal: { RAM: ['acs:ram::1:root'] }, Action: ['ecs:*'], Resource: ['*'] }] }),
    JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Principal: { RAM: ['acs:ram::1:root'] }, Action: ['kms:*'], Resource: ['acs:kms:*'] }] }),
    JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Principal: { RAM: ['bob'] }, Action: ['kms:*'], Resource: ['*'] }] }),
    JSON.stringify({ Version: '1', Statement: [], Padding: 'p'.repeat(32_768) }),
  ]
  for (const b of bad) assert.is(code(parseKeyPolicy(b)), 'InvalidParameter', b.slice(0, 60))
})

test('a key policy naming a principal the matcher cannot read is refused: the reviewer\'s Allow 111:* + Deny *:* on kms:Decrypt', () => {
  // Before, `acs:ram::*:*` passed SetKeyPolicy and then matched no one, so the Deny was silently skipped.
  const policy = (deny: string) => JSON.stringify({ Version: '1', Statement: [
    { Effect: 'Allow', Principal: { RAM: ['acs:ram::111:*'] }, Action: ['kms:*'], Resource: ['*'] },
    { Effect: 'Deny', Principal: { RAM: [deny] }, Action: ['kms:Decrypt'], Resource: ['*'] },
  ] })
  for (const odd of ['acs:ram::*:*', 'acs:ram::*:root', 'acs:ram::1*1:*', 'acs:ram::111:user/a:b', 'acs:ram::111:role/a/b', `acs:ram::111:user/${'a'.repeat(65)}`]) {
    const r = parseKeyPolicy(policy(odd))
    assert.is(code(r), 'InvalidParameter', odd)
    assert.ok(E.isLeft(r) && r.left.message.includes(odd), odd)
  }
  assert.is(code(parseKeyPolicy(policy('acs:ram::222:user/ops*'))), 'ok')
})

test.run()
