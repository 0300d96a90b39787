import type { KmsError } from '../../../domain/errors.ts'

// Replies as both SDK generations parse them (API reference §4): always JSON with RequestId, and errors only
// with a 4xx/5xx status (a Code inside a 2xx is ignored by the SDKs and pop-core treats it as a failure).

export const CONTENT_TYPE = 'application/json;charset=utf-8'

export interface Reply {
  readonly status: number
  readonly body: Record<string, unknown>
  /** A 5xx error's own message: logged with the request id, never sent (it may name internals). */
  readonly internalMessage?: string
}

/** What a caller is told of a server fault: the code stays (SDKs retry on it), the text says nothing inside. */
export const GENERIC_5XX_MESSAGE = 'The request processing has failed due to some unknown error.'

export const success = (requestId: string, fields: Record<string, unknown>): Reply => ({
  status: 200,
  body: { RequestId: requestId, ...fields },
})

/**
 * `{RequestId, HostId, Code, Message, HttpStatus}` (API reference §4.2); a status outside 4xx/5xx becomes 500.
 * A 5xx message is replaced by a generic one: faults name executors, vault rows, token objects or stream
 * decoding, none of which is the caller's business; the original goes to the log with the request id. Only a
 * message marked `forCaller` (fixed text, e.g. the storage's state: storage-fault.ts) is sent as is, and an
 * error's `callerMessage` (fixed text beside a fault's message) instead of the generic one.
 */
export const failure = (requestId: string, hostId: string, e: KmsError): Reply => {
  const status = e.httpStatus >= 400 && e.httpStatus <= 599 ? e.httpStatus : 500
  const internal = status >= 500
  return {
    status,
    body: { RequestId: requestId, HostId: hostId, Code: e.code, Message: internal && e.forCaller !== true ? e.callerMessage ?? GENERIC_5XX_MESSAGE : e.message, HttpStatus: status },
    ...(internal ? { internalMessage: e.message } : {}),
  }
}

/** ISO-8601 UTC to the second, as every date of the API (`2024-05-20T06:34:21Z`, §5.1); '' when absent. */
export const apiDate = (iso: string | null | undefined): string => {
  if (!iso) return ''
  const t = Date.parse(iso)
  return Number.isNaN(t) ? '' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
