import { signedBody } from './sign.ts'
import type { Credentials } from './session.ts'

// Every console action is one signed API call to this origin's `/` (docs/http-api.md): nothing else.

/** A refusal as the API gave it: its stable code and message, shown as they are. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) { super(message) }
}

export type Reply = Record<string, unknown>

/** A scalar of an API answer (wire JSON: string, number, boolean) as text, printed as it comes. */
export const str = (v: unknown): string => String(v)

export const callApi = async (c: Credentials, action: string, params: Record<string, string> = {}): Promise<Reply> => {
  const body = await signedBody(c, action, params)
  const res = await fetch('/', {
    method: 'POST', body, credentials: 'omit', cache: 'no-store',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  let json: Reply
  try { json = await res.json() as Reply } catch { throw new ApiError('InternalFailure', `HTTP ${res.status}`, res.status) }
  if (!res.ok || typeof json['Code'] === 'string') throw new ApiError(str(json['Code'] ?? 'InternalFailure'), str(json['Message'] ?? ''), res.status)
  return json
}

/** `obj.A.B` as an array (the API's `{ Keys: { Key: [...] } }` shape), empty when absent. */
export const list = <T = Reply>(obj: Reply, outer: string, inner: string): T[] => {
  const o = obj[outer] as Record<string, unknown> | undefined
  const a = o?.[inner]
  return Array.isArray(a) ? a as T[] : []
}
