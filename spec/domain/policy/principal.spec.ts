import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import {
  parsePrincipal, parsePrincipalPattern, principalArn, PrincipalArn, PrincipalPatternArn, principalMatches,
} from '../../../domain/policy/index.ts'

test('S-5.2 parses the main account, RAM users and RAM roles', () => {
  assert.equal(parsePrincipal('acs:ram::1111111111111111:root'), { kind: 'root', accountId: '1111111111111111' })
  assert.equal(parsePrincipal('acs:ram::1111111111111111:user/alice.ops@corp'), { kind: 'user', accountId: '1111111111111111', name: 'alice.ops@corp' })
  assert.equal(parsePrincipal('acs:ram::2222222222222222:role/ecs-role'), { kind: 'role', accountId: '2222222222222222', name: 'ecs-role' })
})

test('a caller is one concrete identity: wildcards and malformed ARNs do not parse', () => {
  for (const arn of [
    'acs:ram::1111111111111111:*', 'acs:ram::*:root', 'acs:ram::1111111111111111:user/*', 'acs:ram:cn:1111:root',
    'acs:ram::1111111111111111:group/devs', 'acs:ram::1111111111111111:user/', 'acs:ram::abc:root',
    'acs:ram::1111111111111111:root ', `acs:ram::1111111111111111:user/${'a'.repeat(65)}`,
  ]) assert.is(parsePrincipal(arn), undefined, arn)
})

test('policy patterns: a whole account, the root, users and roles by name pattern; never a wildcard account', () => {
  assert.equal(parsePrincipalPattern('acs:ram::1111111111111111:*'), { kind: 'account', accountId: '1111111111111111' })
  assert.equal(parsePrincipalPattern('acs:ram::1111111111111111:user/dev-*'), { kind: 'user', accountId: '1111111111111111', namePattern: 'dev-*' })
  assert.is(parsePrincipalPattern('acs:ram::*:*'), undefined)
  assert.is(parsePrincipalPattern('acs:ram::11*:root'), undefined)
})

test('pattern matching: an account pattern covers root, users and roles of that account only', () => {
  const account = parsePrincipalPattern('acs:ram::1111111111111111:*')!
  assert.ok(principalMatches(account, parsePrincipal('acs:ram::1111111111111111:root')!))
  assert.ok(principalMatches(account, parsePrincipal('acs:ram::1111111111111111:role/ops')!))
  assert.not.ok(principalMatches(account, parsePrincipal('acs:ram::2222222222222222:root')!))
  const devs = parsePrincipalPattern('acs:ram::1111111111111111:user/dev-*')!
  assert.ok(principalMatches(devs, parsePrincipal('acs:ram::1111111111111111:user/dev-alice')!))
  assert.not.ok(principalMatches(devs, parsePrincipal('acs:ram::1111111111111111:user/ops-alice')!))
  assert.not.ok(principalMatches(devs, parsePrincipal('acs:ram::1111111111111111:role/dev-alice')!))
  assert.not.ok(principalMatches(devs, parsePrincipal('acs:ram::1111111111111111:user/Dev-alice')!), 'names are case-sensitive')
  const dotted = parsePrincipalPattern('acs:ram::1111111111111111:user/a.b')!
  assert.not.ok(principalMatches(dotted, parsePrincipal('acs:ram::1111111111111111:user/axb')!), 'a dot is literal')
})

test('S-5.1 sharing widens only account and root patterns to the co-owning account', () => {
  const of2 = parsePrincipalPattern('acs:ram::2222222222222222:*')!
  const root1 = parsePrincipal('acs:ram::1111111111111111:root')!
  assert.not.ok(principalMatches(of2, root1))
  assert.ok(principalMatches(of2, root1, ['1111111111111111']))
  const alice2 = parsePrincipalPattern('acs:ram::2222222222222222:user/alice')!
  assert.not.ok(principalMatches(alice2, parsePrincipal('acs:ram::1111111111111111:user/alice')!, ['1111111111111111']))
})

test('io-ts codecs decode at the boundary and encode back to the ARN', () => {
  const d = PrincipalArn.decode('acs:ram::1111111111111111:role/ops')
  assert.ok(E.isRight(d))
  if (E.isRight(d)) assert.is(PrincipalArn.encode(d.right), 'acs:ram::1111111111111111:role/ops')
  assert.ok(E.isLeft(PrincipalArn.decode('acs:ram::1111111111111111:*')))
  assert.ok(E.isLeft(PrincipalArn.decode(42)))
  assert.ok(E.isRight(PrincipalPatternArn.decode('acs:ram::1111111111111111:*')))
  assert.ok(E.isLeft(PrincipalPatternArn.decode('acs:ram::*:*')))
  assert.is(principalArn({ kind: 'user', accountId: '1', name: 'x' }), 'acs:ram::1:user/x')
})

test.run()
