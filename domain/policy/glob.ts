// Policy documents match names with `*` (any run of characters, possibly empty) and nothing else: no `?`, no
// character classes. Everything else in a pattern is literal, so a regex metacharacter in a name cannot widen it.

/** Compiled patterns, one cache per case mode, each bounded: patterns come from user-written policies. */
export const MAX_COMPILED_PATTERNS = 10_000
const compiled = { sensitive: new Map<string, RegExp>(), insensitive: new Map<string, RegExp>() }

const toRegExp = (pattern: string, ignoreCase: boolean): RegExp => {
  const body = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's')
}

/** The RegExp a pattern stands for; compiled once and kept while the cache has room. */
export const compilePattern = (pattern: string, ignoreCase: boolean): RegExp => {
  const cache = ignoreCase ? compiled.insensitive : compiled.sensitive
  const hit = cache.get(pattern)
  if (hit !== undefined) return hit
  const re = toRegExp(pattern, ignoreCase)
  if (cache.size < MAX_COMPILED_PATTERNS) cache.set(pattern, re)
  return re
}

/** How many patterns are kept compiled (both case modes). */
export const compiledPatternCount = (): number => compiled.sensitive.size + compiled.insensitive.size

/**
 * Forgets every compiled pattern. The mutation runner calls it before each spec file (stryker.config.json
 * `uvu.reset`): it runs many mutants in one process, and a pattern compiled under another mutant must not be
 * reused (docs/testing.md "Mutation testing").
 */
export const clearCompiledPatterns = (): void => {
  compiled.sensitive.clear()
  compiled.insensitive.clear()
}

export const globMatches = (pattern: string, text: string, options: { readonly ignoreCase?: boolean } = {}): boolean =>
  compilePattern(pattern, options.ignoreCase ?? false).test(text)
