import * as E from 'fp-ts/lib/Either.js'
import { defaultKeyPolicy, keyArn, type KeyPolicyDocument } from '../../domain/values/index.ts'
import {
  consoleKeyPolicy, ramRoleArn, ramUserArn, rootArn, type ConsoleRoles, type IdentityPolicyDocument,
} from '../../domain/policy/index.ts'

// A small world for authorization specs: the owning account O with a RAM user and role, another account X with
// a RAM user that its account granted the key (bob) and one it did not (carol).

export const OWNER = '1111111111111111'
export const OTHER = '2222222222222222'
export const THIRD = '3333333333333333'
export const REGION = 'cn-hangzhou'
export const KEY = 'key-hzz62f1cb66fa42qo0001'
export const KEY_ARN = keyArn(REGION, OWNER, KEY)

export const OWNER_ROOT = rootArn(OWNER)
export const ALICE = ramUserArn(OWNER, 'alice')
export const OPS = ramRoleArn(OWNER, 'ops')
export const OTHER_ROOT = rootArn(OTHER)
export const BOB = ramUserArn(OTHER, 'bob')
export const CAROL = ramUserArn(OTHER, 'carol')

export const grant = (resources: string[], actions: string[] = ['kms:*'], effect: 'Allow' | 'Deny' = 'Allow'): IdentityPolicyDocument => ({
  Version: '1',
  Statement: [{ Sid: `${effect}Grant`, Effect: effect, Action: actions, Resource: resources }],
})

/** Each account grants its RAM identities every kms action on the owner's keys (so only the key side varies). */
export const OWNER_GRANT = grant([`acs:kms:*:${OWNER}:key/*`])

export const consolePolicy = (roles: Omit<ConsoleRoles, 'ownerAccountId'>): KeyPolicyDocument => {
  const p = consoleKeyPolicy({ ownerAccountId: OWNER, ...roles })
  if (E.isLeft(p)) throw new Error(p.left.message)
  return p.right
}

export const DEFAULT_POLICY = defaultKeyPolicy(OWNER)

export const withStatements = (doc: KeyPolicyDocument, ...more: KeyPolicyDocument['Statement']): KeyPolicyDocument => ({
  Version: '1',
  Statement: [...doc.Statement, ...more],
})
