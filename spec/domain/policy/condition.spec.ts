import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { authorize, conditionHolds, conditionProblem, parseIdentityPolicy, type ConditionContext } from '../../../domain/policy/index.ts'
import { parseKeyPolicy, readStoredKeyPolicy } from '../../../domain/values/index.ts'
import { ALICE, DEFAULT_POLICY, KEY_ARN, OWNER, OWNER_GRANT, withStatements } from '../../support/policy-world.ts'

// Issue 15 item 3: key policy `Condition` blocks (domain/policy/condition.ts). The decision matrix
// (matrix.spec.ts) shows each operator in a policy; these pin the block's own rules.

const ctx: ConditionContext = {
  currentTime: new Date('2026-06-01T12:00:00Z'), sourceIp: '10.1.2.3', secureTransport: true,
  encryptionContext: { dept: 'finance', project: 'alpha-7' }, encryptionAlgorithm: 'RSAES_OAEP_SHA_256', viaService: 'oss',
}
const holds = (condition: unknown, c: ConditionContext = ctx) => conditionHolds(condition, c)

test('given several keys under one operator and several operators, when one fails, then the block fails (AND)', () => {
  assert.is(holds({ StringEquals: { 'kms:EncryptionContext:dept': 'finance', 'kms:ViaService': 'oss' }, IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } }), true)
  assert.is(holds({ StringEquals: { 'kms:EncryptionContext:dept': 'finance', 'kms:ViaService': 'ecs' } }), false)
  assert.is(holds({ StringEquals: { 'kms:EncryptionContext:dept': 'finance' }, IpAddress: { 'acs:SourceIp': '192.168.0.0/16' } }), false)
})

test('given several values for one key, when any matches, then it holds (OR); a negated operator holds when none does', () => {
  assert.is(holds({ StringEquals: { 'kms:EncryptionContext:dept': ['hr', 'finance'] } }), true)
  assert.is(holds({ StringNotEquals: { 'kms:EncryptionContext:dept': ['hr', 'finance'] } }), false)
  assert.is(holds({ StringNotEquals: { 'kms:EncryptionContext:dept': ['hr', 'legal'] } }), true)
  assert.is(holds({ StringNotLike: { 'kms:EncryptionContext:project': ['beta-*'] } }), true)
})

test('given a key the request lacks, then a positive operator fails, a negated one holds, and IfExists holds', () => {
  const bare: ConditionContext = { currentTime: ctx.currentTime }
  assert.is(holds({ StringEquals: { 'kms:EncryptionContext:dept': 'finance' } }, bare), false)
  assert.is(holds({ IpAddress: { 'acs:SourceIp': '0.0.0.0/0' } }, bare), false)
  assert.is(holds({ Bool: { 'acs:SecureTransport': 'true' } }, bare), false)
  assert.is(holds({ StringNotEquals: { 'kms:EncryptionContext:dept': 'finance' } }, bare), true)
  assert.is(holds({ StringEqualsIfExists: { 'kms:EncryptionContext:dept': 'finance' } }, bare), true)
  assert.is(holds({ StringEqualsIfExists: { 'kms:EncryptionContext:dept': 'hr' } }), false, 'IfExists still compares a present key')
})

test('StringLike takes * and ?; StringEqualsIgnoreCase ignores case; keys are case-insensitive, the context key after the prefix is not', () => {
  assert.is(holds({ StringLike: { 'kms:EncryptionContext:project': 'alpha-?' } }), true)
  assert.is(holds({ StringLike: { 'kms:EncryptionContext:project': 'alpha-??' } }), false)
  assert.is(holds({ StringLike: { 'kms:EncryptionAlgorithm': 'RSAES_*' } }), true)
  assert.is(holds({ StringLike: { 'kms:EncryptionContext:project': 'alpha.7' } }), false, 'a dot is literal')
  assert.is(holds({ StringEqualsIgnoreCase: { 'kms:ViaService': 'OSS' } }), true)
  assert.is(holds({ StringEquals: { 'KMS:VIASERVICE': 'oss' } }), true)
  assert.is(holds({ StringEquals: { 'kms:EncryptionContext:DEPT': 'finance' } }), false)
})

test('IpAddress: IPv4 and IPv6 blocks, single addresses, IPv4-mapped IPv6 callers', () => {
  assert.is(holds({ IpAddress: { 'acs:SourceIp': '10.1.2.3' } }), true)
  assert.is(holds({ IpAddress: { 'acs:SourceIp': '10.1.2.0/31' } }), false)
  assert.is(holds({ IpAddress: { 'acs:SourceIp': '10.1.2.3' } }, { ...ctx, sourceIp: '::ffff:10.1.2.3' }), true)
  assert.is(holds({ IpAddress: { 'acs:SourceIp': '2001:db8::/32' } }, { ...ctx, sourceIp: '2001:db8::17' }), true)
  assert.is(holds({ IpAddress: { 'acs:SourceIp': '2001:db8::/32' } }, { ...ctx, sourceIp: '2001:db9::17' }), false)
  assert.is(holds({ NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } }, { ...ctx, sourceIp: '192.0.2.1' }), true)
})

test('Date operators compare instants across zones; Bool compares true/false', () => {
  assert.is(holds({ DateGreaterThan: { 'acs:CurrentTime': '2026-06-01T19:59:59+08:00' } }), true)
  assert.is(holds({ DateLessThan: { 'acs:CurrentTime': '2026-06-01T20:00:00+08:00' } }), false)
  assert.is(holds({ DateLessThanEquals: { 'acs:CurrentTime': '2026-06-01T20:00:00+08:00' } }), true)
  assert.is(holds({ DateEquals: { 'acs:CurrentTime': '2026-06-01T12:00:00.000Z' } }), true)
  assert.is(holds({ DateGreaterThanEqualsIfExists: { 'acs:CurrentTime': '2027-01-01T00:00:00Z' } }), false)
  assert.is(holds({ Bool: { 'acs:SecureTransport': true } }), true)
  assert.is(holds({ Bool: { 'acs:SecureTransport': 'false' } }), false)
})

test('issue 15 item 3: an unknown operator or key, or an operator that does not fit its key, is refused when the policy is set (InvalidParameter naming it)', () => {
  const refused = (Condition: unknown, names: string) => {
    const p = parseKeyPolicy(JSON.stringify(withStatements(DEFAULT_POLICY, { Effect: 'Deny', Principal: { RAM: [`acs:ram::${OWNER}:*`] }, Action: ['kms:Decrypt'], Resource: ['*'], Condition } as never)))
    assert.ok(E.isLeft(p), `accepted ${JSON.stringify(Condition)}`)
    if (E.isLeft(p)) {
      assert.is(p.left.code, 'InvalidParameter')
      assert.is(p.left.httpStatus, 400)
      assert.ok(p.left.message.includes(names), p.left.message)
    }
  }
  refused({ StringEqualz: { 'kms:ViaService': 'oss' } }, 'StringEqualz')
  refused({ NumericLessThan: { 'kms:ViaService': '1' } }, 'NumericLessThan')
  refused({ StringEquals: { 'acs:UserAgent': 'x' } }, 'acs:UserAgent')
  refused({ StringEquals: { 'kms:EncryptionContext:': 'x' } }, 'kms:EncryptionContext:')
  refused({ IpAddress: { 'kms:ViaService': '10.0.0.0/8' } }, 'IpAddress')
  refused({ StringEquals: { 'acs:SourceIp': '10.1.2.3' } }, 'StringEquals')
  refused({ IpAddress: { 'acs:SourceIp': '10.0.0.0/33' } }, 'IPv4 or IPv6')
  refused({ DateLessThan: { 'acs:CurrentTime': '2026-02-30T00:00:00Z' } }, 'ISO 8601')
  refused({ Bool: { 'acs:SecureTransport': 'yes' } }, '"true" or "false"')
  refused({ StringEquals: { 'kms:ViaService': [] } }, 'non-empty list')
  refused({ StringEquals: {} }, 'StringEquals')
  refused({}, 'Condition')
  assert.is(conditionProblem({ StringNotLikeIfExists: { 'kms:EncryptionContext:x': ['a*', 'b'] } }), undefined)
})

test('an identity policy (config) with an unknown condition operator does not decode', () => {
  const p = parseIdentityPolicy({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: { Foo: { 'acs:SourceIp': '1.2.3.4' } } }] })
  assert.ok(E.isLeft(p) && p.left.message.includes('Foo'))
})

test('given a stored policy whose condition cannot be read, then it still loads, its Allow grants nothing and its Deny refuses (fail closed)', () => {
  const stored = JSON.stringify(withStatements({ Version: '1', Statement: [] },
    { Sid: 'A', Effect: 'Allow', Principal: { RAM: [`acs:ram::${OWNER}:*`] }, Action: ['kms:*'], Resource: ['*'], Condition: { Unknown: { x: 'y' } } } as never))
  const policy = readStoredKeyPolicy(stored)
  assert.ok(E.isRight(policy))
  assert.ok(E.isLeft(parseKeyPolicy(stored)))
  const decide = (keyPolicy: typeof DEFAULT_POLICY) =>
    authorize({ principal: ALICE, action: 'kms:Encrypt', keyArn: KEY_ARN, keyOwnerAccountId: OWNER, keyPolicy, identityPolicies: [OWNER_GRANT], context: ctx }).allowed
  if (E.isRight(policy)) assert.is(decide(policy.right), false)
  const withDeny = readStoredKeyPolicy(JSON.stringify(withStatements(DEFAULT_POLICY,
    { Sid: 'D', Effect: 'Deny', Principal: { RAM: [`acs:ram::${OWNER}:*`] }, Action: ['kms:Encrypt'], Resource: ['*'], Condition: { Unknown: { x: 'y' } } } as never)))
  if (E.isRight(withDeny)) assert.is(decide(withDeny.right), false)
  assert.is(decide(DEFAULT_POLICY), true)
})

test('without a request context (the lockout check), a conditional Allow never applies and a conditional Deny always does', () => {
  const allowIf = withStatements({ Version: '1', Statement: [] },
    { Sid: 'A', Effect: 'Allow', Principal: { RAM: [`acs:ram::${OWNER}:*`] }, Action: ['kms:*'], Resource: ['*'], Condition: { Bool: { 'acs:SecureTransport': 'true' } } })
  const base = { principal: ALICE, action: 'kms:Encrypt' as const, keyArn: KEY_ARN, keyOwnerAccountId: OWNER, identityPolicies: [OWNER_GRANT] }
  assert.is(authorize({ ...base, keyPolicy: allowIf }).allowed, false)
  assert.is(authorize({ ...base, keyPolicy: allowIf, context: ctx }).allowed, true)
})

test.run()
