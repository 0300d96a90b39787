import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  authorize, authorizeAccountAction, authorizeReEncrypt, consoleKeyPolicy, decisionToEither, effectiveKeyPolicy,
  otherAccountUserStatement, userStatement, type IdentityPolicyDocument, type KeyAuthorizationRequest, type KmsAction,
} from '../../../domain/policy/index.ts'
import { defaultKeyPolicy, keyArn, type KeyPolicyDocument } from '../../../domain/values/index.ts'
import {
  ALICE, BOB, consolePolicy, DEFAULT_POLICY, grant, KEY, KEY_ARN, OPS, OTHER, OTHER_ROOT, OWNER, OWNER_ROOT, REGION,
  THIRD, withStatements,
} from '../../support/policy-world.ts'

const onOwnerKeys = grant([`acs:kms:*:${OWNER}:key/*`])

const ask = (principal: string, action: KmsAction, keyPolicy: KeyPolicyDocument, identityPolicies: IdentityPolicyDocument[] = [], over: Partial<KeyAuthorizationRequest> = {}) =>
  authorize({ principal, action, keyArn: KEY_ARN, keyOwnerAccountId: OWNER, keyPolicy, identityPolicies, ...over })

const statement = (s: Partial<KeyPolicyDocument['Statement'][number]> & Pick<KeyPolicyDocument['Statement'][number], 'Effect' | 'Principal' | 'Action'>): KeyPolicyDocument['Statement'][number] =>
  ({ Resource: ['*'], ...s })

test('S-5.2 given an administrator, when it manages the key it is allowed, when it encrypts it is refused', () => {
  const policy = consolePolicy({ administrators: [ALICE] })
  for (const a of ['kms:ScheduleKeyDeletion', 'kms:SetKeyPolicy', 'kms:DisableKey', 'kms:ImportKeyMaterial'] as const)
    assert.ok(ask(ALICE, a, policy, [onOwnerKeys]).allowed, a)
  for (const a of ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:AsymmetricSign'] as const)
    assert.not.ok(ask(ALICE, a, policy, [onOwnerKeys]).allowed, a)
})

test('S-5.2 given a user, when it encrypts it is allowed, when it schedules deletion it is refused', () => {
  const policy = consolePolicy({ users: [OPS] })
  assert.ok(ask(OPS, 'kms:Encrypt', policy, [onOwnerKeys]).allowed)
  assert.ok(ask(OPS, 'kms:Decrypt', policy, [onOwnerKeys]).allowed)
  const d = ask(OPS, 'kms:ScheduleKeyDeletion', policy, [onOwnerKeys])
  assert.not.ok(d.allowed)
  assert.match(d.reason, 'no key policy statement')
})

test('S-5.3 an other-account user works only after both sides grant', () => {
  const keyNamesBob = consolePolicy({ otherAccountUsers: [BOB] })
  const bobsAccountGrants = [grant([KEY_ARN], ['kms:Encrypt'])]
  const neither = ask(BOB, 'kms:Encrypt', DEFAULT_POLICY)
  const keySideOnly = ask(BOB, 'kms:Encrypt', keyNamesBob)
  const accountSideOnly = ask(BOB, 'kms:Encrypt', DEFAULT_POLICY, bobsAccountGrants)
  const both = ask(BOB, 'kms:Encrypt', keyNamesBob, bobsAccountGrants)
  assert.equal([neither.allowed, keySideOnly.allowed, accountSideOnly.allowed, both.allowed], [false, false, false, true])
  assert.match(keySideOnly.reason, 'S-5.3')
  assert.is(both.matched, 'OtherAccountUsers')
})

test('S-5.3 an owning-account RAM user under the default policy still needs its own grant', () => {
  assert.not.ok(ask(ALICE, 'kms:Encrypt', DEFAULT_POLICY, []).allowed)
  const d = ask(ALICE, 'kms:Encrypt', DEFAULT_POLICY, [onOwnerKeys])
  assert.ok(d.allowed)
  assert.is(d.matched, 'kms default key policy')
})

test('explicit Deny in the key policy wins over kms:* Allow, even for the owning root', () => {
  const policy = withStatements(DEFAULT_POLICY, statement({ Sid: 'NoRootDecrypt', Effect: 'Deny', Principal: { RAM: [OWNER_ROOT] }, Action: ['kms:Decrypt'] }))
  const d = ask(OWNER_ROOT, 'kms:Decrypt', policy)
  assert.not.ok(d.allowed)
  assert.is(d.matched, 'NoRootDecrypt')
  assert.ok(ask(OWNER_ROOT, 'kms:Encrypt', policy).allowed)
})

test('explicit Deny in the caller\'s identity policy wins over both Allows', () => {
  const identity = [onOwnerKeys, grant([`acs:kms:${REGION}:${OWNER}:key/*`], ['kms:Decrypt'], 'Deny')]
  const d = ask(ALICE, 'kms:Decrypt', DEFAULT_POLICY, identity)
  assert.not.ok(d.allowed)
  assert.is(d.matched, 'DenyGrant')
  assert.ok(ask(ALICE, 'kms:Encrypt', DEFAULT_POLICY, identity).allowed)
})

test('S-5.3 an identity grant on one key ARN does not cover another key', () => {
  const identity = [grant([KEY_ARN])]
  assert.ok(ask(ALICE, 'kms:Encrypt', DEFAULT_POLICY, identity).allowed)
  const other = keyArn(REGION, OWNER, 'key-hzz62f1cb66fa42qo0002')
  assert.not.ok(ask(ALICE, 'kms:Encrypt', DEFAULT_POLICY, identity, { keyArn: other }).allowed)
})

test('S-5.3 an account\'s grant on its own keys does not reach another account\'s key', () => {
  const keyNamesBob = consolePolicy({ otherAccountUsers: [BOB] })
  assert.not.ok(ask(BOB, 'kms:Encrypt', keyNamesBob, [grant([`acs:kms:*:${OTHER}:key/*`])]).allowed)
  assert.ok(ask(BOB, 'kms:Encrypt', keyNamesBob, [grant(['*'])]).allowed)
})

test('S-5.1 the owning root follows the key policy: a policy that names only RAM users refuses it', () => {
  const p = consoleKeyPolicy({ ownerAccountId: OWNER, users: [ALICE], keepOwnerRoot: false })
  assert.ok(E.isRight(p))
  if (E.isRight(p)) assert.not.ok(ask(OWNER_ROOT, 'kms:Encrypt', p.right).allowed)
})

test('acs:ram::<uid>:* names the whole account: its root is allowed, its RAM users still need their grant', () => {
  const policy = withStatements(DEFAULT_POLICY, statement({ Effect: 'Allow', Principal: { RAM: [`acs:ram::${OTHER}:*`] }, Action: ['kms:Encrypt'] }))
  const root = ask(OTHER_ROOT, 'kms:Encrypt', policy)
  assert.ok(root.allowed)
  assert.is(root.matched, 'Statement[1]')
  assert.not.ok(ask(BOB, 'kms:Encrypt', policy).allowed)
  assert.ok(ask(BOB, 'kms:Encrypt', policy, [onOwnerKeys]).allowed)
  assert.not.ok(ask(BOB, 'kms:Decrypt', policy, [onOwnerKeys]).allowed)
})

test('acs:ram::<uid>:root names only the main account, not its RAM users', () => {
  const policy = withStatements(DEFAULT_POLICY, statement({ Effect: 'Allow', Principal: { RAM: [OTHER_ROOT] }, Action: ['kms:*'] }))
  assert.ok(ask(OTHER_ROOT, 'kms:Encrypt', policy).allowed)
  assert.not.ok(ask(BOB, 'kms:Encrypt', policy, [onOwnerKeys]).allowed)
})

test('a wildcard account acs:ram::*:* never matches: a policy cannot make a key public', () => {
  const policy = { Version: '1' as const, Statement: [statement({ Effect: 'Allow', Principal: { RAM: ['acs:ram::*:*'] }, Action: ['kms:*'] })] }
  assert.not.ok(ask(OTHER_ROOT, 'kms:Encrypt', policy).allowed)
  assert.not.ok(ask(OWNER_ROOT, 'kms:Encrypt', policy).allowed)
})

test('defence in depth: a stored Deny naming a principal the matcher cannot read refuses everyone, an Allow grants no one', () => {
  // parseKeyPolicy refuses such a policy now; one stored before that (or edited) must still fail closed.
  for (const odd of ['acs:ram::*:*', 'acs:ram::*:root', 'acs:ram::111:user/a:b', 'not-an-arn']) {
    const policy = withStatements(DEFAULT_POLICY, statement({ Sid: 'NoDecrypt', Effect: 'Deny', Principal: { RAM: [odd] }, Action: ['kms:Decrypt'] }))
    for (const who of [OWNER_ROOT, ALICE, BOB, OTHER_ROOT]) {
      const d = ask(who, 'kms:Decrypt', policy, [onOwnerKeys])
      assert.not.ok(d.allowed, `${odd} / ${who}`)
    }
    assert.match(ask(OWNER_ROOT, 'kms:Decrypt', policy).reason, 'explicit Deny')
    // The Deny names only kms:Decrypt: other actions follow the rest of the policy.
    assert.ok(ask(OWNER_ROOT, 'kms:Encrypt', policy).allowed, odd)
  }
})

test('user/role name patterns: acs:ram::<uid>:user/* names every RAM user of that account, not its roles', () => {
  const policy = { Version: '1' as const, Statement: [userStatement([`acs:ram::${OWNER}:user/*`])] }
  assert.ok(ask(ALICE, 'kms:Encrypt', policy, [onOwnerKeys]).allowed)
  assert.not.ok(ask(OPS, 'kms:Encrypt', policy, [onOwnerKeys]).allowed)
  assert.not.ok(ask(`acs:ram::${OTHER}:user/alice`, 'kms:Encrypt', policy, [onOwnerKeys]).allowed)
})

test('conditions are not evaluated: an Allow with a Condition never applies, a Deny with one always does', () => {
  const conditionalAllow = { Version: '1' as const, Statement: [statement({ Effect: 'Allow', Principal: { RAM: [OWNER_ROOT] }, Action: ['kms:*'], Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } })] }
  assert.not.ok(ask(OWNER_ROOT, 'kms:Encrypt', conditionalAllow).allowed)
  const conditionalDeny = withStatements(DEFAULT_POLICY, statement({ Effect: 'Deny', Principal: { RAM: [OWNER_ROOT] }, Action: ['kms:Encrypt'], Condition: { Bool: { 'acs:SecureTransport': 'false' } } }))
  assert.not.ok(ask(OWNER_ROOT, 'kms:Encrypt', conditionalDeny).allowed)
})

test('every refusal is 403 Forbidden.NoPermission with one message per action that names no key, account or reason', () => {
  const refusals = [
    ask('not-an-arn', 'kms:Encrypt', DEFAULT_POLICY),
    ask(OTHER_ROOT, 'kms:Encrypt', DEFAULT_POLICY),
    ask(BOB, 'kms:Encrypt', consolePolicy({ otherAccountUsers: [BOB] })),
    ask(OWNER_ROOT, 'kms:Encrypt', withStatements(DEFAULT_POLICY, statement({ Effect: 'Deny', Principal: { RAM: [OWNER_ROOT] }, Action: ['kms:*'] }))),
    ask(ALICE, 'kms:Encrypt', DEFAULT_POLICY, [grant(['*'], ['kms:*'], 'Deny')]),
  ]
  const messages = new Set<string>()
  for (const d of refusals) {
    assert.not.ok(d.allowed)
    if (d.allowed) continue
    assert.is(d.error.code, 'Forbidden.NoPermission')
    assert.is(d.error.httpStatus, 403)
    messages.add(d.error.message)
    for (const secret of [KEY, OWNER, OTHER, 'Deny', 'S-5']) assert.not.ok(d.error.message.includes(secret), `${d.error.message} names ${secret}`)
  }
  assert.is(messages.size, 1)
  const refused = refusals[1]!
  assert.equal(decisionToEither(refused), E.left(refused.allowed ? null : refused.error))
  const allowed = ask(OWNER_ROOT, 'kms:Encrypt', DEFAULT_POLICY)
  assert.equal(decisionToEither(allowed), E.right(allowed))
})

test('S-5.1 sharing: a key created by account 2 in account 1\'s shared instance is managed and used by both', () => {
  const sharing = { instanceOwnerAccountId: OWNER, sharedWithAccountIds: [OTHER, THIRD] }
  const keyOf2 = keyArn(REGION, OTHER, 'key-hzz62f1cb66fa42qo0003')
  const over = { keyArn: keyOf2, keyOwnerAccountId: OTHER, sharing }
  const policy = defaultKeyPolicy(OTHER)
  assert.ok(ask(OTHER_ROOT, 'kms:ScheduleKeyDeletion', policy, [], over).allowed)
  assert.ok(ask(OWNER_ROOT, 'kms:ScheduleKeyDeletion', policy, [], over).allowed)
  assert.ok(ask(OWNER_ROOT, 'kms:Encrypt', policy, [], over).allowed)
  // account 1's RAM identities come in through the default statement too, with account 1's own grant
  assert.ok(ask(ALICE, 'kms:Encrypt', policy, [grant([keyOf2])], over).allowed)
  assert.not.ok(ask(ALICE, 'kms:Encrypt', policy, [onOwnerKeys], over).allowed)
  // another account sharing the same instance is not a co-owner
  assert.not.ok(ask(`acs:ram::${THIRD}:root`, 'kms:Encrypt', policy, [], over).allowed)
})

test('S-5.1 sharing: a key created by account 1 in its shared instance is managed and used by account 1 only', () => {
  const sharing = { instanceOwnerAccountId: OWNER, sharedWithAccountIds: [OTHER] }
  assert.ok(ask(OWNER_ROOT, 'kms:Encrypt', DEFAULT_POLICY, [], { sharing }).allowed)
  assert.not.ok(ask(OTHER_ROOT, 'kms:Encrypt', DEFAULT_POLICY, [], { sharing }).allowed)
  assert.not.ok(ask(OTHER_ROOT, 'kms:DescribeKey', DEFAULT_POLICY, [], { sharing }).allowed)
})

test('S-5.1 sharing never turns a named RAM user of account 2 into account 1\'s user of the same name', () => {
  const sharing = { instanceOwnerAccountId: OWNER, sharedWithAccountIds: [OTHER] }
  const policy = { Version: '1' as const, Statement: [userStatement([`acs:ram::${OTHER}:user/alice`])] }
  const over = { keyArn: keyArn(REGION, OTHER, 'key-hzz62f1cb66fa42qo0003'), keyOwnerAccountId: OTHER, sharing }
  assert.not.ok(ask(ALICE, 'kms:Encrypt', policy, [grant(['*'])], over).allowed)
})

test('ReEncrypt needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination', () => {
  const dest = keyArn(REGION, OWNER, 'key-hzz62f1cb66fa42qo0002')
  const base = { principal: ALICE, keyOwnerAccountId: OWNER, keyPolicy: DEFAULT_POLICY }
  const fromOnly = [grant([KEY_ARN], ['kms:ReEncryptFrom'])]
  const both = [grant([KEY_ARN], ['kms:ReEncryptFrom']), grant([dest], ['kms:ReEncryptTo'])]
  const run = (identityPolicies: IdentityPolicyDocument[]) =>
    authorizeReEncrypt({ ...base, keyArn: KEY_ARN, identityPolicies }, { ...base, keyArn: dest, identityPolicies })
  assert.not.ok(run(fromOnly).allowed)
  assert.ok(run(both).allowed)
  // a console user's list has neither permission (S-5.2 is exact)
  const users = consolePolicy({ users: [ALICE] })
  const d = authorizeReEncrypt({ ...base, keyPolicy: users, keyArn: KEY_ARN, identityPolicies: [onOwnerKeys] }, { ...base, keyPolicy: users, keyArn: dest, identityPolicies: [onOwnerKeys] })
  assert.not.ok(d.allowed)
  if (!d.allowed) assert.ok(d.error.message.includes('kms:ReEncryptFrom'))
})

test('account-level actions: a RAM user needs its account\'s grant on the account\'s keys, a root only its own account', () => {
  const create = (principal: string, identityPolicies: IdentityPolicyDocument[]) =>
    authorizeAccountAction({ principal, action: 'kms:CreateKey', accountId: OWNER, region: REGION, identityPolicies })
  assert.ok(create(OWNER_ROOT, []).allowed)
  assert.ok(create(ALICE, [grant([`acs:kms:*:${OWNER}:key/*`], ['kms:Create*'])]).allowed)
  assert.not.ok(create(ALICE, [grant([KEY_ARN])]).allowed, 'a grant on one key does not let it create keys')
  assert.not.ok(create(ALICE, []).allowed)
  assert.not.ok(create(ALICE, [grant(['*']), grant(['*'], ['kms:CreateKey'], 'Deny')]).allowed)
  assert.not.ok(create(OTHER_ROOT, []).allowed, 'no caller creates keys in another account')
  assert.not.ok(create(BOB, [grant(['*'])]).allowed)
})

test('S-5.1 a key whose stored policy is empty gets the default policy; a corrupt one is an error', () => {
  assert.equal(effectiveKeyPolicy('', OWNER), E.right(defaultKeyPolicy(OWNER)))
  assert.ok(E.isLeft(effectiveKeyPolicy('{"Version":"1"', OWNER)))
  const custom = JSON.stringify(consolePolicy({ otherAccountUsers: [BOB] }))
  assert.equal(effectiveKeyPolicy(custom, OWNER), E.right(JSON.parse(custom)))
  const forBob = otherAccountUserStatement([BOB])
  assert.equal(forBob.Principal.RAM, [BOB])
})

test.run()
