import { randomBytes } from 'node:crypto'
import { rpcV1Signature, rpcV1StringToSign } from '../../adapters/http/auth/rpc-v1.ts'
import { popEncode } from '../../adapters/http/wire/pop-encode.ts'

// Raw RPC v1 requests for specs that need to send what no SDK would (the SDK specs prove the signer agrees
// with the official clients: the same functions verify every captured vector).

export interface RawKey {
  readonly id: string
  readonly secret: string
}

export const utcSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The query string of a signed RPC v1 request (POST unless said otherwise). */
export const signedQuery = (key: RawKey, params: Record<string, string>, o: { method?: string; now?: Date; nonce?: string } = {}): string => {
  const all = new Map<string, string>(Object.entries({
    Format: 'json', Version: '2016-01-20', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
    SignatureNonce: o.nonce ?? randomBytes(16).toString('hex'), Timestamp: utcSeconds(o.now ?? new Date()), AccessKeyId: key.id,
    ...params,
  }))
  all.set('Signature', rpcV1Signature(key.secret, rpcV1StringToSign(o.method ?? 'POST', all)))
  return [...all].map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`).join('&')
}

export interface RawReply {
  readonly status: number
  readonly contentType: string | null
  readonly body: Record<string, unknown>
}

export const call = async (
  baseUrl: string, key: RawKey, params: Record<string, string>, o: { now?: Date; nonce?: string } = {}, headers: Record<string, string> = {},
): Promise<RawReply> => {
  const res = await fetch(`${baseUrl}/?${signedQuery(key, params, o)}`, { method: 'POST', headers })
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> }
}
