import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  accountKeysResource, identityPoliciesOf, parseIdentityPolicy, parsePrincipal, RamIdentityPolicies, resourceMatches,
} from '../../../domain/policy/index.ts'

test('S-5.3 an identity policy accepts a single string or a list for Action and Resource', () => {
  const p = parseIdentityPolicy({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: 'acs:kms:*:1111:key/*' }] })
  assert.ok(E.isRight(p))
  if (E.isRight(p)) assert.equal(p.right.Statement[0]!.Action, ['kms:Encrypt'])
})

test('identity policies outside KMS or with malformed resources are InvalidParameter', () => {
  for (const doc of [
    { Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }] },
    { Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: 'acs:oss:*:1111:bucket/x' }] },
    { Version: '2', Statement: [] },
    { Version: '1', Statement: [{ Effect: 'Maybe', Action: 'kms:*', Resource: '*' }] },
    { Version: '1', Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] },
  ]) {
    const r = parseIdentityPolicy(doc)
    assert.ok(E.isLeft(r) && r.left.code === 'InvalidParameter', JSON.stringify(doc))
  }
})

test('resources match key ARNs with * wildcards, literally otherwise', () => {
  const arn = 'acs:kms:cn-hangzhou:1111:key/key-abc'
  assert.ok(resourceMatches('*', arn))
  assert.ok(resourceMatches('acs:kms:*:1111:key/*', arn))
  assert.ok(resourceMatches(arn, arn))
  assert.not.ok(resourceMatches('acs:kms:*:2222:key/*', arn))
  assert.not.ok(resourceMatches('acs:kms:cn-shanghai:1111:key/*', arn))
  assert.not.ok(resourceMatches('acs:kms:cn-hangzhou:1111:key/key-ab', arn))
  assert.ok(resourceMatches('acs:kms:*:1111:key/*', accountKeysResource('cn-hangzhou', '1111')))
  assert.not.ok(resourceMatches(arn, accountKeysResource('cn-hangzhou', '1111')))
})

test('a directory of RAM identity policies decodes from config and yields each principal\'s own policies', () => {
  const d = RamIdentityPolicies.decode([
    { principal: 'acs:ram::1111:user/alice', policies: [{ Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }] },
    { principal: 'acs:ram::2222:user/alice', policies: [{ Version: '1', Statement: [{ Effect: 'Deny', Action: 'kms:*', Resource: '*' }] }] },
  ])
  assert.ok(E.isRight(d))
  if (E.isLeft(d)) return
  const mine = identityPoliciesOf(d.right, parsePrincipal('acs:ram::1111:user/alice')!)
  assert.is(mine.length, 1)
  assert.is(mine[0]!.Statement[0]!.Effect, 'Allow')
  assert.equal(identityPoliciesOf(d.right, parsePrincipal('acs:ram::1111:user/bob')!), [])
  assert.ok(E.isLeft(RamIdentityPolicies.decode([{ principal: 'acs:ram::1111:*', policies: [] }])))
})

test.run()
