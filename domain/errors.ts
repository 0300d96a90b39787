// Errors are values: every refusal carries the API's stable code and HTTP status (API reference §5.14),
// so the HTTP layer maps them without guessing and specs assert codes, never messages.

export interface KmsError {
  readonly code: string
  readonly httpStatus: number
  readonly message: string
  /**
   * The message is fixed text written for the caller, shown even on a 5xx (whose messages are otherwise replaced
   * by a generic one: adapters/http/wire/response.ts). Never set on a message that carries a fault's text.
   */
  readonly forCaller?: true
  /**
   * Fixed words for the caller of a 5xx whose `message` carries a fault's text (logged only): sent instead of the
   * generic message, so a caller learns the kind of trouble and nothing inside it (issue 15: "the external key
   * manager is unavailable", adapters/crypto/xks/errors.ts).
   */
  readonly callerMessage?: string
}

const error = (httpStatus: number) => (code: string, message: string): KmsError => ({ code, httpStatus, message })

export const badRequest = error(400)
export const forbidden = error(403)
export const notFound = error(404)
export const conflict = error(409)

export const invalidParameter = (name: string, why?: string): KmsError =>
  badRequest('InvalidParameter', `The specified parameter "${name}" is not valid.${why ? ` ${why}` : ''}`)

export const missingParameter = (name: string): KmsError =>
  badRequest('MissingParameter', `The parameter "${name}" is required.`)

export const keyNotFound = (keyId: string): KmsError =>
  notFound('Forbidden.KeyNotFound', `The specified Key is not found: ${keyId}`)

export const keyVersionNotFound = (versionId: string): KmsError =>
  notFound('Forbidden.KeyVersionNotFound', `The specified KeyVersion is not found: ${versionId}`)

export const aliasNotFound = (alias: string): KmsError =>
  notFound('Forbidden.AliasNotFound', `The specified Alias is not found: ${alias}`)

/** State conflicts of the state × action table (API reference §5.2): always HTTP 409. */
export const rejected = (code: `Rejected.${string}`, message: string): KmsError => conflict(code, message)

export const stateModifiedFailed = (why: string): KmsError => rejected('Rejected.StateModifiedFailed', `Keystate modified failed. ${why}`)

/** Limits and unsupported operations are 400 in the API's tables, not 409. */
export const limitExceeded = (why: string): KmsError => badRequest('Rejected.LimitExceeded', why)
export const unsupportedOperation = (why: string): KmsError => badRequest('Rejected.UnsupportedOperation', `Unsupported operation. ${why}`)

export const noPermission = (why: string): KmsError => forbidden('Forbidden.NoPermission', why)

export const internalFailure = (why: string): KmsError => ({ code: 'InternalFailure', httpStatus: 500, message: why })

/**
 * The text of an unexpected exception, for an InternalFailure's message (logged; the wire layer never sends a
 * 5xx message: adapters/http/wire/response.ts). Such exceptions come from the vault (SQLite, EventStoreDB/gRPC),
 * node:crypto, @noble/curves and PKCS#11, whose texts name the failure, not the data: still, a long run of hex or
 * Base64 (the shape key bytes would take if a library echoed its input) is cut out, and the text is capped.
 */
export const faultCause = (e: unknown): string => {
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : 'a non-Error value was thrown'
  const cleaned = text.replace(/[0-9a-fA-F]{32,}|[A-Za-z0-9+/]{40,}={0,2}/g, '[redacted]')
  return cleaned.length > 300 ? `${cleaned.slice(0, 300)}…` : cleaned
}

export const isKmsError = (u: unknown): u is KmsError =>
  typeof u === 'object' && u !== null && typeof (u as KmsError).code === 'string' && typeof (u as KmsError).httpStatus === 'number'
