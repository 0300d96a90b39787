import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

// The XKS proxy double's side of SigV4 (XKS Proxy API Appendix A, Tasks 1-4), written from the AWS SigV4 steps
// and independent of the signing library keyledger uses (aws4), so a signing bug cannot hide behind itself.

export const XKS_SERVICE = 'kms-xks-proxy'
const MAX_SKEW_MS = 5 * 60 * 1000 // Appendix A, Task 4: more than 5 minutes off fails

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/

/** RFC 3986 encoding of each path segment, as SigV4's CanonicalURI asks (XKS paths need none, but a verifier must). */
const canonicalUri = (path: string) => path.split('/').map((s) => encodeURIComponent(decodeURIComponent(s)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')

/** Why the request fails authentication, or undefined when its signature is good. */
export const sigV4Problem = (o: {
  method: string; path: string; headers: IncomingHttpHeaders; body: Buffer; secrets: ReadonlyMap<string, string>; now: Date
}): string | undefined => {
  const auth = o.headers['authorization']
  const m = typeof auth === 'string' ? AUTH.exec(auth) : null
  if (!m) return 'no AWS4-HMAC-SHA256 Authorization header'
  const [, accessKeyId, day, region, service, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string, string]
  const secret = o.secrets.get(accessKeyId)
  if (secret === undefined) return 'unknown access key id'
  if (service !== XKS_SERVICE) return `service ${service} is not ${XKS_SERVICE}`
  const amzDate = o.headers['x-amz-date']
  if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== day) return 'bad X-Amz-Date'
  const at = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15))
  if (Math.abs(o.now.getTime() - at) > MAX_SKEW_MS) return 'request time more than 5 minutes off'
  const names = signedHeaders.split(';')
  if (!names.includes('host') || !names.includes('x-amz-date')) return 'host and x-amz-date must be signed'
  const expected = sigV4Signature({ method: o.method, path: o.path, headers: o.headers, signedHeaders, body: o.body, secret, amzDate, region, service })
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? undefined : 'signature does not match'
}

/** SigV4 Tasks 1-3: the signature of a request over the headers named in `signedHeaders` (`a;b;c`). */
export const sigV4Signature = (o: {
  method: string; path: string; headers: IncomingHttpHeaders; signedHeaders: string; body: Buffer; secret: string; amzDate: string; region: string; service: string
}): Buffer => {
  const canonicalHeaders = o.signedHeaders.split(';').map((n) => {
    const v = o.headers[n]
    return `${n}:${(Array.isArray(v) ? v.join(',') : v ?? '').trim().replace(/\s+/g, ' ')}\n`
  }).join('')
  const [path, query = ''] = o.path.split('?') as [string, string?]
  const canonicalRequest = [o.method, canonicalUri(path), query, canonicalHeaders, o.signedHeaders, sha256Hex(o.body)].join('\n')
  const day = o.amzDate.slice(0, 8)
  const scope = `${day}/${o.region}/${o.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', o.amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${o.secret}`, day), o.region), o.service), 'aws4_request')
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest()
}
