import { signedSdkRequest, type AccessKey } from './sdk-request.ts'

// One signed call from the driver (setting up keys and ciphertexts before the load starts).

export class ApiError extends Error {
  override name = 'ApiError'
}

export const callApi = async (url: string, key: AccessKey, action: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> => {
  const base = new URL(url)
  const r = signedSdkRequest(base.host, key, action, params)
  const { host: _host, ...headers } = r.headers
  const res = await fetch(new URL(r.path, base), { method: r.method, headers })
  const text = await res.text()
  let body: Record<string, unknown>
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new ApiError(`${action} at ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`)
  }
  if (res.status !== 200) throw new ApiError(`${action} at ${url}: HTTP ${res.status} ${String(body['Code'])}: ${String(body['Message'])}`)
  return body
}
