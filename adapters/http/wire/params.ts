import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../../domain/errors.ts'
import { invalidParameter } from '../../../domain/errors.ts'
import { parseFailure } from './codes.ts'

/** Request parameters by wire name, decoded. A Map, so that names like `__proto__` are plain data. */
export type Params = ReadonlyMap<string, string>

export const MAX_PARAMS = 256

const decodeComponent = (text: string): string | undefined => {
  // `+` is a space in form encoding (API reference §6.2); decodeURIComponent refuses malformed % and bad UTF-8.
  // Without a `%` it would return its input unchanged, so it is skipped (issue 11: it is most of a parse's cost,
  // and most names and values carry no escape).
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return undefined
  }
}

/**
 * Parses `a=1&b=2` (a query string or a form body) into ordered pairs. Raw bytes outside printable ASCII are
 * refused: a conforming client percent-encodes them, and accepting them would let two byte strings decode to
 * one parameter set.
 */
export const parsePairs = (text: string, where: 'query' | 'body'): E.Either<KmsError, [string, string][]> => {
  if (text === '') return E.right([])
  if (/[^\x21-\x7e]/.test(text)) return E.left(parseFailure(`The ${where} contains characters that are not percent-encoded.`))
  const pairs: [string, string][] = []
  for (const part of text.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq))
    const value = decodeComponent(eq < 0 ? '' : part.slice(eq + 1))
    if (name === undefined || value === undefined) return E.left(parseFailure(`The ${where} is not valid percent-encoded UTF-8.`))
    if (name === '') return E.left(parseFailure(`The ${where} has a parameter without a name.`))
    pairs.push([name, value])
    if (pairs.length > MAX_PARAMS) return E.left(parseFailure(`At most ${MAX_PARAMS} parameters are accepted.`))
  }
  return E.right(pairs)
}

/**
 * Query ∪ form body (pop-core sends everything, Signature included, as a form body: API reference §2.3).
 * A name given twice is refused: both signature schemes sign a map, so a repeated name would be ambiguous.
 */
export const mergeParams = (...lists: [string, string][][]): E.Either<KmsError, Map<string, string>> => {
  const out = new Map<string, string>()
  for (const list of lists)
    for (const [name, value] of list) {
      if (out.has(name)) return E.left(invalidParameter(name, 'The parameter is given more than once.'))
      out.set(name, value)
    }
  if (out.size > MAX_PARAMS) return E.left(parseFailure(`At most ${MAX_PARAMS} parameters are accepted.`))
  return E.right(out)
}
