import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { actionMatches, API_ACTIONS, kmsActionOf, permissionOf, reEncryptPermissions } from '../../../domain/policy/index.ts'
import { ACTION_GATES } from '../../../domain/key/index.ts'
import { ADMINISTRATOR_ACTIONS, USER_ACTIONS } from '../../../domain/policy/console-roles.ts'

test('every API action maps to a kms: permission of its own name, except the documented batch tag actions', () => {
  for (const a of API_ACTIONS) {
    const expected = a === 'TagResources' ? 'kms:TagResource' : a === 'UntagResources' ? 'kms:UntagResource' : `kms:${a}`
    assert.is(kmsActionOf(a), expected, a)
  }
})

test('every action of the state table has a permission (ReEncrypt has two, RotateKey is internal)', () => {
  for (const a of Object.keys(ACTION_GATES)) {
    if (a === 'ReEncrypt' || a === 'RotateKey') continue
    assert.ok(permissionOf(a), a)
  }
  assert.is(kmsActionOf('ReEncrypt'), undefined)
  assert.equal(reEncryptPermissions, { source: 'kms:ReEncryptFrom', destination: 'kms:ReEncryptTo' })
})

test('account-level actions act on no key; key actions on one', () => {
  assert.is(permissionOf('CreateKey')?.scope, 'account')
  assert.is(permissionOf('ListKeys')?.scope, 'account')
  assert.is(permissionOf('Encrypt')?.scope, 'key')
  assert.is(permissionOf('ScheduleKeyDeletion')?.scope, 'key')
  assert.is(permissionOf('toString'), undefined, 'no prototype keys')
  assert.is(permissionOf('Unknown'), undefined)
})

test('wildcards: kms:List* matches lists only, kms:* and * match everything, names compare case-insensitively', () => {
  assert.ok(actionMatches('kms:List*', 'kms:ListKeys'))
  assert.ok(actionMatches('kms:List*', 'kms:ListAliasesByKeyId'))
  assert.not.ok(actionMatches('kms:List*', 'kms:Encrypt'))
  assert.ok(actionMatches('kms:*', 'kms:Encrypt'))
  assert.ok(actionMatches('*', 'kms:Encrypt'))
  assert.ok(actionMatches('kms:encrypt', 'kms:Encrypt'))
  assert.not.ok(actionMatches('kms:Encrypt', 'kms:EncryptX'))
  assert.not.ok(actionMatches('kms:Create*', 'kms:DescribeKey'))
  assert.not.ok(actionMatches('ecs:*', 'kms:Encrypt'))
})

test('keyledger\'s own read actions: a console administrator (kms:Describe*/Get*/List*) has them, a console user not', () => {
  const own = { DescribeKeyAssociations: 'key', GetKeyLastCallTime: 'key', ListKeyHistory: 'key', GetComplianceReport: 'account' } as const
  for (const [api, scope] of Object.entries(own)) {
    const p = permissionOf(api)!
    assert.is(p.action, `kms:${api}`)
    assert.is(p.scope, scope)
    assert.ok(ADMINISTRATOR_ACTIONS.some((a) => actionMatches(a, p.action)), `administrators get ${api}`)
    assert.not.ok(USER_ACTIONS.some((a) => actionMatches(a, p.action)), `users do not get ${api}`)
  }
})

test.run()
