import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  authorize, authorizeAccountAction, keyPolicyDecision, notAuthorized, type Decision, type IdentityPolicyDocument,
  type KeyAuthorizationRequest, type KmsAction,
} from '../../../domain/policy/index.ts'
import { keyArn, type KeyPolicyDocument } from '../../../domain/values/index.ts'
import { ALICE, DEFAULT_POLICY, grant, KEY_ARN, OTHER_ROOT, OWNER, OWNER_ROOT, REGION, withStatements } from '../../support/policy-world.ts'

// The whole decision of each authorization rule (domain/policy/authorize.ts, docs/architecture.md §7, S-5.1–S-5.3):
// allowed or not, the `reason` the audit trail records for operators (which rule decided, which statement), the
// statement `matched`, and the caller's error. Given a policy world, when a caller asks, then the decision is
// exactly this value — a decision that names the wrong rule or statement misleads whoever reads the audit log.
// Issue 20 item 1: the mutation run found the reasons and the shape of a decision unpinned.

const DEFAULT_SID = 'kms default key policy'
const OTHER_KEY_ARN = keyArn(REGION, OWNER, 'key-hzz62f1cb66fa42qo0002')

const refused = (action: KmsAction, reason: string, matched?: string): Decision =>
  matched === undefined ? { allowed: false, reason, error: notAuthorized(action) } : { allowed: false, reason, matched, error: notAuthorized(action) }

const ask = (principal: string, keyPolicy: KeyPolicyDocument, identityPolicies: IdentityPolicyDocument[] = [], over: Partial<KeyAuthorizationRequest> = {}) =>
  authorize({ principal, action: 'kms:Encrypt', keyArn: KEY_ARN, keyOwnerAccountId: OWNER, keyPolicy, identityPolicies, ...over })

const denyKeyPolicy = withStatements(DEFAULT_POLICY, {
  Sid: 'NoEncrypt', Effect: 'Deny', Principal: { RAM: [OWNER_ROOT, ALICE] }, Action: ['kms:Encrypt'], Resource: ['*'],
})
const denyAll = grant(['*'], ['kms:*'], 'Deny')
const ownerKeys = grant([`acs:kms:*:${OWNER}:key/*`])

test('authorize: an unreadable caller is refused, and the reason says so', () => {
  assert.equal(ask('not-an-arn', DEFAULT_POLICY), refused('kms:Encrypt', 'unrecognised principal not-an-arn'))
})

test('authorize: an explicit Deny is recorded with the side and the statement that refused', () => {
  assert.equal(ask(OWNER_ROOT, denyKeyPolicy), refused('kms:Encrypt', 'explicit Deny in the key policy (statement NoEncrypt)', 'NoEncrypt'))
  assert.equal(ask(ALICE, DEFAULT_POLICY, [ownerKeys, denyAll]),
    refused('kms:Encrypt', `explicit Deny in an identity policy of ${ALICE} (statement DenyGrant)`, 'DenyGrant'))
})

test('authorize: no key-side Allow (S-5.1, S-5.2) and no identity-side Allow (S-5.3) are told apart', () => {
  assert.equal(ask(OTHER_ROOT, DEFAULT_POLICY), refused('kms:Encrypt', `no key policy statement allows ${OTHER_ROOT} to perform kms:Encrypt (S-5.1, S-5.2)`))
  assert.equal(ask(ALICE, DEFAULT_POLICY),
    refused('kms:Encrypt', `S-5.3: the key policy allows ${ALICE} (statement ${DEFAULT_SID}) but its own account ${OWNER} has not granted it kms:Encrypt on the key`, DEFAULT_SID))
})

test('authorize: an Allow names the key statement, and for a RAM identity its account\'s statement too (S-5.3)', () => {
  assert.equal(ask(OWNER_ROOT, DEFAULT_POLICY), { allowed: true, reason: `the key policy allows the main account (statement ${DEFAULT_SID})`, matched: DEFAULT_SID })
  assert.equal(ask(ALICE, DEFAULT_POLICY, [ownerKeys]), {
    allowed: true, matched: DEFAULT_SID,
    reason: `the key policy (statement ${DEFAULT_SID}) and the identity policy of account ${OWNER} (statement AllowGrant) both allow it (S-5.3)`,
  })
})

test('authorize: a main account has no identity side — identity policies handed in for a root change nothing', () => {
  assert.equal(ask(OWNER_ROOT, DEFAULT_POLICY, [denyAll]), ask(OWNER_ROOT, DEFAULT_POLICY))
  assert.ok(ask(OWNER_ROOT, DEFAULT_POLICY, [denyAll]).allowed)
})

test('authorize: a statement listing several actions or resources applies when ANY of them matches', () => {
  const keyPolicy: KeyPolicyDocument = {
    Version: '1',
    Statement: [{ Sid: 'Two', Effect: 'Allow', Principal: { RAM: [ALICE] }, Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: [OTHER_KEY_ARN, KEY_ARN] }],
  }
  const identity: IdentityPolicyDocument = {
    Version: '1', Statement: [{ Sid: 'Both', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: [OTHER_KEY_ARN, KEY_ARN] }],
  }
  assert.equal(ask(ALICE, keyPolicy, [identity]), {
    allowed: true, matched: 'Two', reason: `the key policy (statement Two) and the identity policy of account ${OWNER} (statement Both) both allow it (S-5.3)`,
  })
  // and a Deny listing several applies the same way
  const deny: IdentityPolicyDocument = { Version: '1', Statement: [{ Sid: 'No', Effect: 'Deny', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: [OTHER_KEY_ARN, KEY_ARN] }] }
  assert.not.ok(ask(ALICE, keyPolicy, [identity, deny]).allowed)
})

const createKey = (principal: string, identityPolicies: IdentityPolicyDocument[] = []) =>
  authorizeAccountAction({ principal, action: 'kms:CreateKey', accountId: OWNER, region: REGION, identityPolicies })

test('account actions: each refusal and each grant is recorded with its rule and statement', () => {
  assert.equal(createKey('not-an-arn'), refused('kms:CreateKey', 'unrecognised principal not-an-arn'))
  assert.equal(createKey(OTHER_ROOT), refused('kms:CreateKey', `${OTHER_ROOT} does not belong to account ${OWNER}`))
  assert.equal(createKey(OWNER_ROOT), { allowed: true, reason: 'the main account may perform kms:CreateKey in its own account' })
  assert.equal(createKey(ALICE, [ownerKeys, denyAll]), refused('kms:CreateKey', `explicit Deny in an identity policy of ${ALICE} (statement DenyGrant)`, 'DenyGrant'))
  assert.equal(createKey(ALICE, [ownerKeys]), { allowed: true, reason: `the identity policy of account ${OWNER} allows it (statement AllowGrant)`, matched: 'AllowGrant' })
  assert.equal(createKey(ALICE), refused('kms:CreateKey', `account ${OWNER} has not granted ${ALICE} kms:CreateKey`))
})

const keySide = (principal: string, keyPolicy: KeyPolicyDocument) =>
  keyPolicyDecision({ principal, action: 'kms:SetKeyPolicy', keyArn: KEY_ARN, keyOwnerAccountId: OWNER, keyPolicy })

test('the key policy alone (the lockout check\'s judge): Deny, Allow and no statement, each with its reason', () => {
  assert.equal(keySide('not-an-arn', DEFAULT_POLICY), refused('kms:SetKeyPolicy', 'unrecognised principal not-an-arn'))
  assert.equal(keySide(OWNER_ROOT, DEFAULT_POLICY), { allowed: true, reason: `the key policy allows it (statement ${DEFAULT_SID})`, matched: DEFAULT_SID })
  // ALICE is named by the default policy's account statement: the key side alone allows her, whatever her account grants
  assert.ok(keySide(ALICE, DEFAULT_POLICY).allowed)
  const noSet = withStatements(DEFAULT_POLICY, { Sid: 'NoSet', Effect: 'Deny', Principal: { RAM: [OWNER_ROOT] }, Action: ['kms:SetKeyPolicy'], Resource: ['*'] })
  assert.equal(keySide(OWNER_ROOT, noSet), refused('kms:SetKeyPolicy', 'explicit Deny in the key policy (statement NoSet)', 'NoSet'))
  assert.ok(keySide(ALICE, noSet).allowed, 'the Deny names only the root')
  assert.equal(keySide(OTHER_ROOT, DEFAULT_POLICY), refused('kms:SetKeyPolicy', `no key policy statement allows ${OTHER_ROOT} to perform kms:SetKeyPolicy`))
})

test.run()
