import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  authorize, authorizeAccountAction, kmsActionOf, otherAccountUserStatement, permissionOf,
  type IdentityPolicyDocument, type KmsAction,
} from '../../../domain/policy/index.ts'
import type { KeyPolicyDocument } from '../../../domain/values/index.ts'
import {
  ALICE, BOB, CAROL, consolePolicy, DEFAULT_POLICY, grant, KEY_ARN, OPS, OTHER, OTHER_ROOT, OWNER, OWNER_ROOT,
  REGION, withStatements,
} from '../../support/policy-world.ts'

// The authorization matrix: principal kind × action × policy shape, each cell written out by hand.
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

interface Shape { readonly name: string; readonly policy: KeyPolicyDocument; readonly expect: Record<string, string> }

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

const decide = (who: { arn: string; identity: IdentityPolicyDocument[] }, apiAction: string, policy: KeyPolicyDocument) => {
  const perm = permissionOf(apiAction)!
  return perm.scope === 'account'
    ? authorizeAccountAction({ principal: who.arn, action: perm.action, accountId: OWNER, region: REGION, identityPolicies: who.identity })
    : authorize({
      principal: who.arn, action: perm.action, keyArn: KEY_ARN, keyOwnerAccountId: OWNER, keyPolicy: policy,
      identityPolicies: who.identity,
    })
}

for (const shape of SHAPES) {
  for (const [principalName, who] of Object.entries(PRINCIPALS)) {
    const row = shape.expect[principalName]!.replace(' ', '')
    ACTIONS.forEach((apiAction, i) => {
      const expected = row[i] === 'A'
      const action = kmsActionOf(apiAction) as KmsAction
      const scope = apiAction === 'CreateKey' ? ' (account-level: key policy does not apply)' : ''
      test(`${shape.name}: ${principalName} ${expected ? 'may' : 'may not'} ${action}${scope}`, () => {
        const d = decide(who, apiAction, shape.policy)
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
  for (const shape of SHAPES) assert.equal(Object.keys(shape.expect).sort(), Object.keys(PRINCIPALS).sort(), shape.name)
})

test.run()
