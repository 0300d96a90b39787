import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  accountKeysResource, IdentityPolicyDocument, identityPoliciesOf, parseIdentityPolicy, parsePrincipal, RamIdentityPolicies, resourceMatches,
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

/** The InvalidParameter message a refused document gets (parseIdentityPolicy names the parameter it came in). */
const refusal = (doc: unknown, name?: string): string | undefined => {
  const r = name === undefined ? parseIdentityPolicy(doc) : parseIdentityPolicy(doc, name)
  return E.isLeft(r) ? `${r.left.code}: ${r.left.message}` : undefined
}
const policy = (statement: Record<string, unknown>) => ({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*', ...statement }] })
const INVALID = 'InvalidParameter: The specified parameter "PolicyDocument" is not valid.'

test('given a malformed identity policy, when parsed, then the refusal says which rule it breaks (issue 20 item 1)', () => {
  const notStrings = `${INVALID} a string or a non-empty list of strings`
  assert.is(refusal(policy({ Action: 5 })), notStrings)
  assert.is(refusal(policy({ Action: [] })), notStrings)
  assert.is(refusal(policy({ Action: ['kms:Encrypt', 5] })), notStrings, 'every item must be a string')
  assert.is(refusal(policy({ Resource: ['*', null] })), notStrings)
  const actions = `${INVALID} every Action is * or kms:<Op> (with * wildcards)`
  assert.is(refusal(policy({ Action: 'ecs:*' })), actions)
  assert.is(refusal(policy({ Action: ['kms:Encrypt', 'ecs:*'] })), actions, 'one foreign action in a list is enough')
  const resources = `${INVALID} every Resource is * or acs:kms:<region>:<uid>:key/<keyId> (with * wildcards)`
  assert.is(refusal(policy({ Resource: ['*', 'acs:oss:*:1111:bucket/x'] })), resources, 'one foreign resource in a list is enough')
  assert.is(refusal(policy({ Condition: {} })), `${INVALID} Condition is an object of operators, each an object of condition keys`)
  // a shape error io-ts reports without a message of ours gets the general one
  assert.is(refusal({ Version: '2', Statement: [] }), `${INVALID} an identity policy is {"Version":"1","Statement":[{"Effect","Action","Resource"}]}`)
  assert.is(refusal({ Version: '2', Statement: [] }, 'Policy'),
    'InvalidParameter: The specified parameter "Policy" is not valid. an identity policy is {"Version":"1","Statement":[{"Effect","Action","Resource"}]}')
})

test('given lists of actions and resources, when parsed, then they are kept as written; a valid Condition is kept', () => {
  const doc = policy({ Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: ['acs:kms:*:1111:key/*', '*'], Condition: { Bool: { 'acs:SecureTransport': 'true' } } })
  assert.equal(parseIdentityPolicy(doc), E.right(doc))
})

test('the codec\'s guard (IdentityPolicyDocument.is) knows a decoded policy from its wire form', () => {
  const decoded = policy({ Action: ['kms:Encrypt'], Resource: ['*'] })
  assert.ok(IdentityPolicyDocument.is(decoded))
  assert.not.ok(IdentityPolicyDocument.is(policy({})), 'a single string is the wire form, not the decoded one')
  assert.not.ok(IdentityPolicyDocument.is(policy({ Action: ['kms:Encrypt', 5], Resource: ['*'] })))
  assert.not.ok(IdentityPolicyDocument.is(policy({ Action: [5], Resource: ['*'] })))
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
