import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  actionMatches, administratorStatement, ADMINISTRATOR_ACTIONS, consoleKeyPolicy, USER_ACTIONS, userStatement,
} from '../../../domain/policy/index.ts'
import { parseKeyPolicy } from '../../../domain/values/index.ts'
import { ALICE, BOB, OPS, OWNER } from '../../support/policy-world.ts'

const CRYPTO = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateAndExportDataKey',
  'kms:ExportDataKey', 'kms:AsymmetricEncrypt', 'kms:AsymmetricDecrypt', 'kms:AsymmetricSign', 'kms:AsymmetricVerify',
  'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateMac', 'kms:VerifyMac'] as const

test('S-5.2 the administrator statement carries exactly the seed\'s management list', () => {
  assert.equal(administratorStatement([ALICE]).Action, [
    'kms:List*', 'kms:Describe*', 'kms:Create*', 'kms:Enable*', 'kms:Disable*', 'kms:Get*', 'kms:Set*', 'kms:Update*',
    'kms:Delete*', 'kms:Cancel*', 'kms:TagResource', 'kms:UntagResource', 'kms:ImportKeyMaterial', 'kms:ScheduleKeyDeletion',
  ])
})

test('S-5.2 the user statement carries exactly the seed\'s usage list', () => {
  assert.equal(userStatement([ALICE]).Action, [
    'kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateAndExportDataKey', 'kms:AsymmetricEncrypt',
    'kms:AsymmetricDecrypt', 'kms:DescribeKey', 'kms:DescribeKeyVersion', 'kms:ListKeyVersions', 'kms:ListAliasesByKeyId',
    'kms:TagResource',
  ])
})

test('S-5.2 no administrator pattern covers a cryptographic operation', () => {
  for (const op of CRYPTO) assert.not.ok(ADMINISTRATOR_ACTIONS.some((p) => actionMatches(p, op)), op)
  assert.not.ok(USER_ACTIONS.some((p) => actionMatches(p, 'kms:ScheduleKeyDeletion')))
})

test('S-5.2 a console policy is a key policy document that SetKeyPolicy accepts', () => {
  const p = consoleKeyPolicy({ ownerAccountId: OWNER, administrators: [OPS], users: [ALICE], otherAccountUsers: [BOB] })
  assert.ok(E.isRight(p))
  if (E.isLeft(p)) return
  assert.equal(p.right.Statement.map((s) => s.Sid), ['OwnerAccount', 'Administrators', 'Users', 'OtherAccountUsers'])
  assert.equal(parseKeyPolicy(JSON.stringify(p.right)), E.right(p.right))
})

test('S-5.2 administrators and users are RAM identities of the owning account; other-account users are not', () => {
  const code = (r: ReturnType<typeof consoleKeyPolicy>) => (E.isLeft(r) ? r.left.code : 'accepted')
  assert.is(code(consoleKeyPolicy({ ownerAccountId: OWNER, administrators: [BOB] })), 'InvalidParameter')
  assert.is(code(consoleKeyPolicy({ ownerAccountId: OWNER, users: [`acs:ram::${OWNER}:root`] })), 'InvalidParameter')
  assert.is(code(consoleKeyPolicy({ ownerAccountId: OWNER, otherAccountUsers: [ALICE] })), 'InvalidParameter')
  assert.is(code(consoleKeyPolicy({ ownerAccountId: OWNER, otherAccountUsers: [`acs:ram::${OWNER}:*`] })), 'InvalidParameter')
  assert.is(code(consoleKeyPolicy({ ownerAccountId: OWNER, users: [ALICE, OPS], otherAccountUsers: [BOB] })), 'accepted')
})

test.run()
