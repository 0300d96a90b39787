import { randomBytes } from 'node:crypto'
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, sha256Hex as acs3Sha256 } from '../../adapters/http/auth/acs3.ts'
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
  baseUrl: string, key: RawKey, params: Record<string, string>, o: { now?: Date; nonce?: string; headers?: Record<string, string> } = {},
  headers: Record<string, string> = {},
): Promise<RawReply> => {
  const res = await fetch(`${baseUrl}/?${signedQuery(key, params, o)}`, { method: 'POST', headers: { ...o.headers, ...headers } })
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> }
}

/**
 * An ACS3-HMAC-SHA256 request (API reference §3.2) with the parameters as a form body and every `x-acs-*` header
 * signed, as the 3.x runtime (@alicloud/openapi-core) sends it; the signer is the one the vendor's published
 * examples check (spec/adapters/http/auth/vendor-examples.spec.ts).
 */
export const acs3Call = async (baseUrl: string, key: RawKey, action: string, params: Record<string, string>, extraHeaders: Record<string, string> = {}, o: { host?: string } = {}): Promise<RawReply> => {
  const body = [...Object.entries(params)].map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`).join('&')
  const url = new URL(baseUrl)
  const headers: Record<string, string> = {
    host: o.host ?? url.host, 'content-type': 'application/x-www-form-urlencoded', 'x-acs-action': action, 'x-acs-version': '2016-01-20',
    'x-acs-date': utcSeconds(new Date()), 'x-acs-signature-nonce': randomBytes(16).toString('hex'),
    'x-acs-content-sha256': acs3Sha256(body), ...extraHeaders,
  }
  const signedHeaders = Object.keys(headers).sort()
  const canonical = acs3CanonicalRequest({ method: 'POST', path: '/', query: [], headers, signedHeaders, payloadHash: headers['x-acs-content-sha256']! })
  const signature = acs3Signature(key.secret, acs3StringToSign(canonical))
  const { host: _host, ...sent } = headers // fetch writes Host itself (url.host); a spec naming another host is the server's concern
  const res = await fetch(`${baseUrl}/`, {
    method: 'POST', body,
    headers: { ...sent, authorization: `ACS3-HMAC-SHA256 Credential=${key.id},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}` },
  })
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> }
}
