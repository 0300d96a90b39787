import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import {
  accountPrincipalArn, parsePrincipal, parsePrincipalPattern, principalArn, PrincipalArn, PrincipalPatternArn, principalMatches,
  ramRoleArn, ramUserArn, rootArn,
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

test('given a principal, when written as an ARN, then it is the ARN RAM writes (S-5.2), and parses back to itself', () => {
  const id = '1111111111111111'
  assert.is(principalArn({ kind: 'root', accountId: id }), `acs:ram::${id}:root`)
  assert.is(principalArn({ kind: 'role', accountId: id, name: 'ops' }), `acs:ram::${id}:role/ops`)
  assert.is(rootArn(id), `acs:ram::${id}:root`)
  assert.is(ramUserArn(id, 'alice'), `acs:ram::${id}:user/alice`)
  assert.is(ramRoleArn(id, 'ops'), `acs:ram::${id}:role/ops`)
  assert.is(accountPrincipalArn(id), `acs:ram::${id}:*`)
  for (const arn of [rootArn(id), ramUserArn(id, 'alice'), ramRoleArn(id, 'ops')]) assert.is(principalArn(parsePrincipal(arn)!), arn)
  assert.equal(parsePrincipalPattern(accountPrincipalArn(id)), { kind: 'account', accountId: id })
})

test('S-5.1 sharing: a root pattern also names the root of a co-owning account (as the account pattern does)', () => {
  const root2 = parsePrincipalPattern('acs:ram::2222222222222222:root')!
  const root1 = parsePrincipal('acs:ram::1111111111111111:root')!
  assert.not.ok(principalMatches(root2, root1))
  assert.ok(principalMatches(root2, root1, ['1111111111111111']))
  assert.not.ok(principalMatches(root2, parsePrincipal('acs:ram::1111111111111111:user/alice')!, ['1111111111111111']), 'the root only')
})

test('given something that is not one principal\'s ARN, when decoded, then it is refused with the grammar in the message', () => {
  const grammar = 'a principal is acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>'
  for (const u of [['acs:ram::1111111111111111:root'], 42, 'acs:ram::1:*']) {
    const d = PrincipalArn.decode(u)
    assert.ok(E.isLeft(d), JSON.stringify(u))
    assert.match(PathReporter.report(d).join('\n'), grammar)
  }
})

test('the codec\'s guard (PrincipalArn.is) knows a decoded principal from an ARN or anything else', () => {
  assert.ok(PrincipalArn.is({ kind: 'root', accountId: '1' }))
  assert.ok(PrincipalArn.is({ kind: 'user', accountId: '1', name: 'a' }))
  for (const [i, u] of ['acs:ram::1:root', null, undefined, 1, { kind: 'root' }, { accountId: '1' }, {}].entries()) assert.not.ok(PrincipalArn.is(u), `case ${i}`)
})

test.run()
