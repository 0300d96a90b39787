import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { decodeConfig } from '../../composition/config.ts'
import { rawConfig } from '../support/authz-server.ts'

// The configuration's principals (docs/config.md): RAM users and roles are declared under their account, so a
// misspelt name in an access key or a grant is an error, not an identity nobody can use.

const base = rawConfig()
const withOver = (over: Record<string, unknown>) => decodeConfig({ ...base, ...over })
const refusedWith = (over: Record<string, unknown>, text: string) => {
  const r = withOver(over)
  assert.ok(E.isLeft(r), 'accepted')
  if (E.isLeft(r)) assert.match(r.left, text)
}

test('the authorization world decodes: accounts, identity policies, sharing, quota', () => {
  const r = decodeConfig(rawConfig({ quota: 3 }))
  assert.ok(E.isRight(r))
  if (E.isRight(r)) {
    assert.is(r.right.instances[0]?.accessManagementQuota, 3)
    assert.is(r.right.identityPolicies?.length, 5)
  }
})

test('an access key for an undeclared RAM user, or with an account that is not its principal\'s, is refused', () => {
  refusedWith({ accessKeys: [{ accessKeyId: 'AK1', accessKeySecret: 'x'.repeat(16), principal: 'acs:ram::1234567890123456:user/mallory' }] }, 'not declared')
  refusedWith({ accessKeys: [{ accessKeyId: 'AK1', accessKeySecret: 'x'.repeat(16), principal: 'acs:ram::1234567890123456:root', accountId: '1' }] }, 'not the principal')
  refusedWith({ accessKeys: [{ accessKeyId: 'AK1', accessKeySecret: 'x'.repeat(16), principal: 'root' }] }, 'principal is')
})

test('identity policies belong to declared RAM users and roles, never to a root; a bad statement is refused', () => {
  refusedWith({ identityPolicies: [{ principal: 'acs:ram::1234567890123456:user/mallory', policies: [] }] }, 'not declared')
  refusedWith({ identityPolicies: [{ principal: 'acs:ram::1234567890123456:root', policies: [] }] }, 'main account')
  refusedWith({ identityPolicies: [{ principal: 'acs:ram::1234567890123456:user/alice', policies: [{ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] }] }] }, 'identityPolicies')
})

test('S-1.1: accounts[].services declare service roles an access key may name; a bad or doubled service name is refused', () => {
  const O = '1234567890123456'
  const service = (services: string[], roles: string[] = []) =>
    ({ accounts: base.accounts.map((a) => (a.accountId === O ? { ...a, roles: [...(a.roles ?? []), ...roles], services } : a)) })
  const serviceKey = (name: string) => ({ accessKeyId: 'AKsvc', accessKeySecret: 'x'.repeat(16), principal: `acs:ram::${O}:role/service.${name}` })
  const accepted = withOver({ ...service(['oss']), accessKeys: [...base.accessKeys, serviceKey('oss')] })
  assert.ok(E.isRight(accepted), E.isLeft(accepted) ? accepted.left : '')
  refusedWith({ ...service(['ecs']), accessKeys: [...base.accessKeys, serviceKey('oss')] }, 'not declared')
  refusedWith(service(['OSS']), 'not a service name')
  refusedWith(service(['oss', 'oss']), 'declared twice')
  refusedWith(service(['oss'], ['service.oss']), 'declared twice')
})

test('sharing and quota are checked', () => {
  refusedWith({ instances: [{ instanceId: 'kst-1', kind: 'software', sharedWith: ['1234567890123456'] }] }, 'own account')
  refusedWith({ instances: [{ instanceId: 'kst-1', kind: 'software', accessManagementQuota: -1 }] }, 'accessManagementQuota')
  refusedWith({ accounts: [{ accountId: '1', users: ['bad name'] }] }, 'RAM name')
})

test.run()
