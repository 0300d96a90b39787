import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  clearCompiledPatterns, compiledPatternCount, compilePattern, globMatches, MAX_COMPILED_PATTERNS,
} from '../../../domain/policy/glob.ts'

// The `*` patterns of policy documents (domain/policy/glob.ts): what a policy author writes is what matches —
// `*` is any run of characters (a newline too), everything else is literal, case is kept unless the caller asks
// otherwise (actions compare case-insensitively, ARNs and RAM names do not). Issue 20 item 1: these rules were
// measured only through patterns other specs had already compiled; each test here starts from an empty cache.

test.before.each(() => clearCompiledPatterns())

test('given a pattern with *, when matched, then * stands for any run of characters, the empty run included', () => {
  assert.ok(globMatches('key/*', 'key/abc'))
  assert.ok(globMatches('key/*', 'key/'))
  assert.ok(globMatches('a*c*e', 'abcde'))
  assert.ok(globMatches('a*c*e', 'ace'))
  assert.not.ok(globMatches('a*c*e', 'abcd'), 'the pattern is anchored at the end')
  assert.not.ok(globMatches('b*', 'abc'), 'the pattern is anchored at the start')
  assert.ok(globMatches('*', ''))
})

test('given a text with a newline, when a * covers it, then it still matches (any character means any)', () => {
  assert.ok(globMatches('a*b', 'a\nb'))
  assert.ok(globMatches('A*B', 'a\nb', { ignoreCase: true }))
})

test('given a pattern without *, when matched, then it matches only the identical text', () => {
  assert.ok(globMatches('acs:kms:cn-hangzhou:1111:key/key-abc', 'acs:kms:cn-hangzhou:1111:key/key-abc'))
  assert.not.ok(globMatches('acs:kms:cn-hangzhou:1111:key/key-abc', 'acs:kms:cn-hangzhou:1111:key/key-abcd'))
  assert.not.ok(globMatches('kms:decrypt', 'kms:Decrypt'), 'case is kept by default')
})

test('given regex metacharacters in a pattern, when matched, then each is literal and cannot widen the pattern', () => {
  for (const meta of ['.', '+', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '\\', '/']) {
    const pattern = `x${meta}y`
    assert.ok(globMatches(pattern, `x${meta}y`), `${meta} matches itself`)
    assert.not.ok(globMatches(pattern, 'xzy'), `${meta} does not match another character`)
    assert.not.ok(globMatches(pattern, 'xy'), `${meta} is not optional`)
  }
  assert.not.ok(globMatches('a.b', 'axb'))
  assert.not.ok(globMatches('a+', 'aa'))
  assert.not.ok(globMatches('(a|b)', 'a'))
  assert.not.ok(globMatches('[ab]', 'a'))
})

test('given letters that are regex escapes once backslashed (d, s, w, b), when matched, then they are plain letters', () => {
  assert.ok(globMatches('kms:describe*', 'kms:describekey'))
  assert.ok(globMatches('dswb', 'dswb'))
  assert.not.ok(globMatches('dswb', '1 _ '))
})

test('given ignoreCase, when matched, then case is ignored; the same pattern without it keeps case', () => {
  // same pattern both ways, in both orders: one mode's compiled pattern never serves the other
  assert.ok(globMatches('kms:encrypt', 'kms:Encrypt', { ignoreCase: true }))
  assert.not.ok(globMatches('kms:encrypt', 'kms:Encrypt'))
  assert.not.ok(globMatches('user/Alice*', 'user/alice2'))
  assert.ok(globMatches('user/Alice*', 'user/alice2', { ignoreCase: true }))
  assert.not.ok(globMatches('user/Alice*', 'user/alice2'))
})

test('given a pattern matched twice, when compiled, then the second match reuses the compiled pattern', () => {
  const first = compilePattern('acs:kms:*:1111:key/*', false)
  assert.is(compilePattern('acs:kms:*:1111:key/*', false), first)
  assert.is.not(compilePattern('acs:kms:*:1111:key/*', true), first, 'the case-insensitive form is its own')
  assert.is(compiledPatternCount(), 2)
})

test('given more distinct patterns than the cache holds, when compiled, then it stops growing at its bound and still matches', () => {
  for (let i = 0; i <= MAX_COMPILED_PATTERNS; i++) compilePattern(`p${i}*`, false)
  assert.is(compiledPatternCount(), MAX_COMPILED_PATTERNS)
  assert.ok(globMatches(`p${MAX_COMPILED_PATTERNS}*`, `p${MAX_COMPILED_PATTERNS}x`), 'a pattern beyond the bound is compiled each time')
  assert.is(compiledPatternCount(), MAX_COMPILED_PATTERNS)
  clearCompiledPatterns()
  assert.is(compiledPatternCount(), 0)
  compilePattern('a', true)
  assert.is(compiledPatternCount(), 1, 'the case-insensitive cache is counted and cleared too')
  clearCompiledPatterns()
  assert.is(compiledPatternCount(), 0)
})

test.run()
