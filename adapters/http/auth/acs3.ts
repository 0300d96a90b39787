import { createHash, createHmac } from 'node:crypto'
import { popEncode } from '../wire/pop-encode.ts'

// ACS3-HMAC-SHA256 (API reference §3.2), as @alicloud/openapi-core computes it.

export const ACS3 = 'ACS3-HMAC-SHA256'

export interface Acs3Authorization {
  readonly accessKeyId: string
  readonly signedHeaders: readonly string[]
  readonly signature: string
}

const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/

export const parseAcs3Authorization = (header: string): Acs3Authorization | undefined => {
  const m = AUTHORIZATION.exec(header.trim())
  return m ? { accessKeyId: m[1]!, signedHeaders: m[2]!.split(';'), signature: m[3]! } : undefined
}

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex')

/** The canonical URI: the path with `+`→%20, `*`→%2A, %7E→`~` (openapi-core). */
const canonicalUri = (path: string): string => path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~')

export interface Acs3Input {
  readonly method: string
  readonly path: string
  /** Decoded query parameters (not the form body: the body is covered by its hash). */
  readonly query: readonly (readonly [string, string])[]
  /** Lowercase header names. */
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly signedHeaders: readonly string[]
  readonly payloadHash: string
}

export const acs3CanonicalRequest = (r: Acs3Input): string => {
  // By name in UTF-16 code-unit order (as rpc-v1.ts); names are unique: the wire refuses a repeated one (params.ts).
  const query = [...r.query]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, v]) => `${popEncode(n)}=${popEncode(v)}`)
    .join('&')
  const headers = r.signedHeaders.map((h) => `${h}:${(r.headers[h] ?? '').trim()}\n`).join('')
  return [r.method.toUpperCase(), canonicalUri(r.path), query, headers, r.signedHeaders.join(';'), r.payloadHash].join('\n')
}

export const acs3StringToSign = (canonicalRequest: string): string => `${ACS3}\n${sha256Hex(canonicalRequest)}`

export const acs3Signature = (secret: string, stringToSign: string): string =>
  createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex')
