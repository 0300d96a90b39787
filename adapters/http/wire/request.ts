import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../../domain/errors.ts'
import { parseFailure } from './codes.ts'
import { mergeParams, parsePairs, type Params } from './params.ts'

/** A request as the API layer sees it: raw parts kept for signature checks, parameters decoded once. */
export interface ApiRequest {
  readonly method: string
  readonly path: string
  /** Decoded query parameters in wire order (ACS3 signs the query apart from the body). */
  readonly query: readonly [string, string][]
  /** Query ∪ form body. */
  readonly params: Params
  /** Lowercase names; a header repeated is joined by Node with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: Buffer
}

const FORM = /^application\/x-www-form-urlencoded\s*(;.*)?$/i
const utf8 = new TextDecoder('utf-8', { fatal: true })

export const toApiRequest = (
  method: string,
  rawUrl: string,
  headers: Readonly<Record<string, string | undefined>>,
  body: Buffer
): E.Either<KmsError, ApiRequest> => {
  const q = rawUrl.indexOf('?')
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q)
  const query = parsePairs(q < 0 ? '' : rawUrl.slice(q + 1), 'query')
  if (E.isLeft(query)) return query
  let bodyPairs: [string, string][] = []
  if (body.length > 0) {
    // Only a form body carries parameters (pop-core's POST); anything else is not a request this API reads.
    if (!FORM.test(headers['content-type'] ?? ''))
      return E.left(parseFailure('A request body must be application/x-www-form-urlencoded.'))
    let text: string
    try {
      text = utf8.decode(body)
    } catch {
      return E.left(parseFailure('The request body is not valid UTF-8.'))
    }
    const parsed = parsePairs(text, 'body')
    if (E.isLeft(parsed)) return parsed
    bodyPairs = parsed.right
  }
  const params = mergeParams(query.right, bodyPairs)
  if (E.isLeft(params)) return params
  return E.right({ method: method.toUpperCase(), path, query: query.right, params: params.right, headers, body })
}
