import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  authorize, authorizeAccountAction, kmsActionOf, otherAccountUserStatement, permissionOf,
  type ConditionContext, type IdentityPolicyDocument, type KmsAction,
} from '../../../domain/policy/index.ts'
import * as E from 'fp-ts/lib/Either.js'
import { parseKeyPolicy, type KeyPolicyDocument } from '../../../domain/values/index.ts'
import {
  ALICE, BOB, CAROL, consolePolicy, DEFAULT_POLICY, grant, KEY_ARN, OPS, OTHER, OTHER_ROOT, OWNER, OWNER_ROOT,
  REGION, withStatements,
} from '../../support/policy-world.ts'

// The authorization matrix: principal kind × action × policy shape (× the request's condition context, issue 15
// item 3), each cell written out by hand.
// `A` = allowed, `.` = refused (403 Forbidden.NoPermission). Column order is ACTIONS; a space separates the
// management actions from the cryptographic ones. CreateKey acts on the account (no key policy exists yet), so
// its column depends only on the caller's account and its RAM grant.

const ACTIONS = [
  'CreateKey', 'DescribeKey', 'ScheduleKeyDeletion', 'SetKeyPolicy', 'TagResource',
  'Encrypt', 'Decrypt', 'GenerateDataKey', 'AsymmetricSign',
] as const

/** Account O grants its RAM identities, and account X grants bob, every kms action on O's keys. Carol has no grant. */
const onOwnerKeys = grant([`acs:kms:*:${OWNER}:key/*`])

const PRINCIPALS: Record<string, { arn: string; identity: IdentityPolicyDocument[] }> = {
  'owner root': { arn: OWNER_ROOT, identity: [] },
  'owner RAM user': { arn: ALICE, identity: [onOwnerKeys] },
  'owner RAM role': { arn: OPS, identity: [onOwnerKeys] },
  'other-account root': { arn: OTHER_ROOT, identity: [] },
  'other-account RAM user with its own grant': { arn: BOB, identity: [onOwnerKeys] },
  'other-account RAM user without its own grant': { arn: CAROL, identity: [] },
}

const denyDecryptAndDeletion: KeyPolicyDocument['Statement'][number] = {
  Sid: 'NoDecryptNoDeletion',
  Effect: 'Deny',
  Principal: { RAM: [`acs:ram::${OWNER}:*`, `acs:ram::${OTHER}:*`] },
  Action: ['kms:Decrypt', 'kms:ScheduleKeyDeletion'],
  Resource: ['*'],
}

interface Shape {
  readonly name: string
  readonly policy: KeyPolicyDocument
  /** What the request carries for `Condition` blocks; the shapes without conditions use OFFICE_TLS. */
  readonly context?: ConditionContext
  readonly expect: Record<string, string>
}

const NOW = new Date('2026-06-01T12:00:00Z')
/** A call from the office network (10.0.0.0/8) over TLS, with no encryption context. */
const OFFICE_TLS: ConditionContext = { currentTime: NOW, sourceIp: '10.1.2.3', secureTransport: true }
const ELSEWHERE: ConditionContext = { ...OFFICE_TLS, sourceIp: '192.168.1.5' }

type Statement = KeyPolicyDocument['Statement'][number]
const withCondition = (s: Statement, Condition: Record<string, unknown>): Statement => ({ ...s, Condition })
const everyone = { RAM: [`acs:ram::${OWNER}:*`, `acs:ram::${OTHER}:*`] }

const otherUsersFromOffice = withStatements(DEFAULT_POLICY,
  withCondition(otherAccountUserStatement([BOB, CAROL]), { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '172.16.0.0/12'] } }))
const denyOutsideOffice = withStatements(DEFAULT_POLICY,
  { Sid: 'OfficeOnly', Effect: 'Deny', Principal: everyone, Action: ['kms:*'], Resource: ['*'], Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } })
const decryptOnlyForFinance = withStatements(DEFAULT_POLICY,
  { Sid: 'FinanceOnly', Effect: 'Deny', Principal: everyone, Action: ['kms:Decrypt'], Resource: ['*'], Condition: { StringNotEquals: { 'kms:EncryptionContext:dept': 'finance' } } })
const denyPlainHttp = withStatements(DEFAULT_POLICY,
  { Sid: 'TlsOnly', Effect: 'Deny', Principal: everyone, Action: ['kms:*'], Resource: ['*'], Condition: { Bool: { 'acs:SecureTransport': 'false' } } })
const otherUsersUntil2020 = withStatements(DEFAULT_POLICY,
  withCondition(otherAccountUserStatement([BOB, CAROL]), { DateLessThan: { 'acs:CurrentTime': '2020-01-01T00:00:00Z' } }))
const otherUsersAlphaProjectIfAny = withStatements(DEFAULT_POLICY,
  withCondition(otherAccountUserStatement([BOB, CAROL]), { StringLikeIfExists: { 'kms:EncryptionContext:project': 'alpha-*' } }))
const otherUsersViaOss = withStatements(DEFAULT_POLICY,
  withCondition(otherAccountUserStatement([BOB, CAROL]), { StringEquals: { 'kms:ViaService': 'oss' } }))
const otherUsersWithOaep = withStatements(DEFAULT_POLICY,
  withCondition(otherAccountUserStatement([BOB, CAROL]), { StringEquals: { 'kms:EncryptionAlgorithm': ['RSAES_OAEP_SHA_256', 'SM2PKE'] } }))
const denyAfter2030 = withStatements(DEFAULT_POLICY,
  { Sid: 'Sunset', Effect: 'Deny', Principal: everyone, Action: ['kms:*'], Resource: ['*'], Condition: { DateGreaterThan: { 'acs:CurrentTime': '2030-01-01T00:00:00+08:00' } } })

/** The default rows, and the other-account users' statement's rows (USER_ACTIONS, S-5.2/S-5.3). */
const OWNERS_ONLY = {
  'owner root': 'AAAAA AAAA', 'owner RAM user': 'AAAAA AAAA', 'owner RAM role': 'AAAAA AAAA',
  'other-account root': '..... ....', 'other-account RAM user with its own grant': '..... ....', 'other-account RAM user without its own grant': '..... ....',
}
const WITH_BOB = { ...OWNERS_ONLY, 'other-account RAM user with its own grant': '.A..A AAA.' }
/** Everything on the key refused; CreateKey acts on the account, where the key policy does not apply. */
const NOTHING_ON_THE_KEY = { ...OWNERS_ONLY, 'owner root': 'A.... ....', 'owner RAM user': 'A.... ....', 'owner RAM role': 'A.... ....' }
const NO_DECRYPT = { ...OWNERS_ONLY, 'owner root': 'AAAAA A.AA', 'owner RAM user': 'AAAAA A.AA', 'owner RAM role': 'AAAAA A.AA' }

const CONDITION_SHAPES: Shape[] = [
  { name: 'IpAddress Allow (other-account users from 10/8 or 172.16/12), called from 10.1.2.3', policy: otherUsersFromOffice, context: OFFICE_TLS, expect: WITH_BOB },
  { name: 'IpAddress Allow (other-account users from 10/8 or 172.16/12), called from 192.168.1.5', policy: otherUsersFromOffice, context: ELSEWHERE, expect: OWNERS_ONLY },
  { name: 'NotIpAddress Deny (everything outside 10/8), called from 10.1.2.3', policy: denyOutsideOffice, context: OFFICE_TLS, expect: OWNERS_ONLY },
  { name: 'NotIpAddress Deny (everything outside 10/8), called from 192.168.1.5', policy: denyOutsideOffice, context: ELSEWHERE, expect: NOTHING_ON_THE_KEY },
  { name: 'NotIpAddress Deny, called from ::ffff:10.1.2.3 (IPv4 seen as IPv6)', policy: denyOutsideOffice, context: { ...OFFICE_TLS, sourceIp: '::ffff:10.1.2.3' }, expect: OWNERS_ONLY },
  { name: 'NotIpAddress Deny, no source address known (negated operator, missing key: holds)', policy: denyOutsideOffice, context: { currentTime: NOW, secureTransport: true }, expect: NOTHING_ON_THE_KEY },
  {
    name: 'StringNotEquals Deny Decrypt (kms:EncryptionContext:dept not finance), context dept=finance',
    policy: decryptOnlyForFinance, context: { ...OFFICE_TLS, encryptionContext: { dept: 'finance' } }, expect: OWNERS_ONLY,
  },
  {
    name: 'StringNotEquals Deny Decrypt (kms:EncryptionContext:dept not finance), context dept=hr',
    policy: decryptOnlyForFinance, context: { ...OFFICE_TLS, encryptionContext: { dept: 'hr' } }, expect: NO_DECRYPT,
  },
  {
    name: 'StringNotEquals Deny Decrypt, context without dept (negated operator, missing key: holds)',
    policy: decryptOnlyForFinance, context: { ...OFFICE_TLS, encryptionContext: { team: 'finance' } }, expect: NO_DECRYPT,
  },
  { name: 'Bool Deny (acs:SecureTransport false), called over TLS', policy: denyPlainHttp, context: OFFICE_TLS, expect: OWNERS_ONLY },
  { name: 'Bool Deny (acs:SecureTransport false), called over plain HTTP', policy: denyPlainHttp, context: { ...OFFICE_TLS, secureTransport: false }, expect: NOTHING_ON_THE_KEY },
  { name: 'DateLessThan Allow (other-account users until 2020), called in 2026', policy: otherUsersUntil2020, context: OFFICE_TLS, expect: OWNERS_ONLY },
  { name: 'DateLessThan Allow (other-account users until 2020), called in 2019', policy: otherUsersUntil2020, context: { ...OFFICE_TLS, currentTime: new Date('2019-12-31T23:59:59Z') }, expect: WITH_BOB },
  {
    name: 'StringLikeIfExists Allow (project alpha-*), context project=alpha-7',
    policy: otherUsersAlphaProjectIfAny, context: { ...OFFICE_TLS, encryptionContext: { project: 'alpha-7' } }, expect: WITH_BOB,
  },
  {
    name: 'StringLikeIfExists Allow (project alpha-*), context project=beta',
    policy: otherUsersAlphaProjectIfAny, context: { ...OFFICE_TLS, encryptionContext: { project: 'beta' } }, expect: OWNERS_ONLY,
  },
  { name: 'StringLikeIfExists Allow (project alpha-*), no project key (IfExists: holds)', policy: otherUsersAlphaProjectIfAny, context: OFFICE_TLS, expect: WITH_BOB },
  // kms:ViaService, kms:EncryptionAlgorithm and DateGreaterThan (issue 15 item 3: every listed key and operator in the matrix).
  { name: 'StringEquals Allow (other-account users via kms:ViaService oss), called through oss', policy: otherUsersViaOss, context: { ...OFFICE_TLS, viaService: 'oss' }, expect: WITH_BOB },
  { name: 'StringEquals Allow (other-account users via kms:ViaService oss), called through ecs', policy: otherUsersViaOss, context: { ...OFFICE_TLS, viaService: 'ecs' }, expect: OWNERS_ONLY },
  { name: 'StringEquals Allow (other-account users via kms:ViaService oss), called directly (no service)', policy: otherUsersViaOss, context: OFFICE_TLS, expect: OWNERS_ONLY },
  {
    name: 'StringEquals Allow (other-account users with kms:EncryptionAlgorithm RSAES_OAEP_SHA_256 or SM2PKE), algorithm RSAES_OAEP_SHA_256',
    policy: otherUsersWithOaep, context: { ...OFFICE_TLS, encryptionAlgorithm: 'RSAES_OAEP_SHA_256' }, expect: WITH_BOB,
  },
  {
    name: 'StringEquals Allow (other-account users with kms:EncryptionAlgorithm RSAES_OAEP_SHA_256 or SM2PKE), algorithm RSAES_OAEP_SHA_1',
    policy: otherUsersWithOaep, context: { ...OFFICE_TLS, encryptionAlgorithm: 'RSAES_OAEP_SHA_1' }, expect: OWNERS_ONLY,
  },
  { name: 'DateGreaterThan Deny (everything after 2030-01-01 +08:00), called in 2026', policy: denyAfter2030, context: OFFICE_TLS, expect: OWNERS_ONLY },
  { name: 'DateGreaterThan Deny (everything after 2030-01-01 +08:00), called at 2029-12-31T16:00:01Z', policy: denyAfter2030, context: { ...OFFICE_TLS, currentTime: new Date('2029-12-31T16:00:01Z') }, expect: NOTHING_ON_THE_KEY },
]

const SHAPES: Shape[] = [
  {
    name: 'S-5.1 default policy',
    policy: DEFAULT_POLICY,
    expect: {
      'owner root': 'AAAAA AAAA',
      'owner RAM user': 'AAAAA AAAA',
      'owner RAM role': 'AAAAA AAAA',
      'other-account root': '..... ....',
      'other-account RAM user with its own grant': '..... ....',
      'other-account RAM user without its own grant': '..... ....',
    },
  },
  {
    name: 'S-5.2 administrators only',
    policy: consolePolicy({ administrators: [ALICE, OPS] }),
    expect: {
      'owner root': 'AAAAA AAAA',
      'owner RAM user': 'AAAAA ....',
      'owner RAM role': 'AAAAA ....',
      'other-account root': '..... ....',
      'other-account RAM user with its own grant': '..... ....',
      'other-account RAM user without its own grant': '..... ....',
    },
  },
  {
    name: 'S-5.2 users only',
    policy: consolePolicy({ users: [ALICE, OPS] }),
    expect: {
      'owner root': 'AAAAA AAAA',
      // the seed's user list has no kms:AsymmetricSign, ScheduleKeyDeletion or SetKeyPolicy
      'owner RAM user': 'AA..A AAA.',
      'owner RAM role': 'AA..A AAA.',
      'other-account root': '..... ....',
      'other-account RAM user with its own grant': '..... ....',
      'other-account RAM user without its own grant': '..... ....',
    },
  },
  {
    name: 'S-5.2/S-5.3 other-account users',
    policy: consolePolicy({ otherAccountUsers: [BOB, CAROL] }),
    expect: {
      'owner root': 'AAAAA AAAA',
      'owner RAM user': 'A.... ....',
      'owner RAM role': 'A.... ....',
      'other-account root': '..... ....',
      'other-account RAM user with its own grant': '.A..A AAA.',
      'other-account RAM user without its own grant': '..... ....',
    },
  },
  {
    name: 'explicit Deny (default + other-account users + Deny Decrypt/ScheduleKeyDeletion)',
    policy: withStatements(DEFAULT_POLICY, otherAccountUserStatement([BOB, CAROL]), denyDecryptAndDeletion),
    expect: {
      'owner root': 'AA.AA A.AA',
      'owner RAM user': 'AA.AA A.AA',
      'owner RAM role': 'AA.AA A.AA',
      'other-account root': '..... ....',
      'other-account RAM user with its own grant': '.A..A A.A.',
      'other-account RAM user without its own grant': '..... ....',
    },
  },
]

const decide = (who: { arn: string; identity: IdentityPolicyDocument[] }, apiAction: string, policy: KeyPolicyDocument, context: ConditionContext) => {
  const perm = permissionOf(apiAction)!
  return perm.scope === 'account'
    ? authorizeAccountAction({ principal: who.arn, action: perm.action, accountId: OWNER, region: REGION, identityPolicies: who.identity, context })
    : authorize({
      principal: who.arn, action: perm.action, keyArn: KEY_ARN, keyOwnerAccountId: OWNER, keyPolicy: policy,
      identityPolicies: who.identity, context,
    })
}

for (const shape of [...SHAPES, ...CONDITION_SHAPES]) {
  for (const [principalName, who] of Object.entries(PRINCIPALS)) {
    const row = shape.expect[principalName]!.replace(' ', '')
    ACTIONS.forEach((apiAction, i) => {
      const expected = row[i] === 'A'
      const action = kmsActionOf(apiAction) as KmsAction
      const scope = apiAction === 'CreateKey' ? ' (account-level: key policy does not apply)' : ''
      test(`${shape.name}: ${principalName} ${expected ? 'may' : 'may not'} ${action}${scope}`, () => {
        const d = decide(who, apiAction, shape.policy, shape.context ?? OFFICE_TLS)
        assert.is(d.allowed, expected, d.reason)
        if (!d.allowed) {
          assert.is(d.error.code, 'Forbidden.NoPermission')
          assert.is(d.error.httpStatus, 403)
        }
      })
    })
  }
}

test('the matrix covers every principal kind in every shape', () => {
  for (const shape of [...SHAPES, ...CONDITION_SHAPES]) assert.equal(Object.keys(shape.expect).sort(), Object.keys(PRINCIPALS).sort(), shape.name)
})

test('issue 15 item 3: every conditional policy in the matrix is one SetKeyPolicy accepts', () => {
  for (const shape of CONDITION_SHAPES) assert.ok(E.isRight(parseKeyPolicy(JSON.stringify(shape.policy))), shape.name)
})

test.run()
