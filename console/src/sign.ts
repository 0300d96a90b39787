// RPC signature v1, as the SDKs sign (docs/console.md "Signing in the browser"): every parameter but Signature,
// sorted by name, POP-encoded and joined; HMAC-SHA1 over METHOD&%2F&enc(canonical) with key secret + "&".
// WebCrypto does the HMAC: the secret never leaves the tab.

/** encodeURIComponent, plus ! ' ( ) * — only A-Z a-z 0-9 - _ . ~ stay raw (the API's popEncode). */
export const popEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

export const stringToSign = (method: string, params: ReadonlyMap<string, string>): string => {
  const names = [...params.keys()].filter((n) => n !== 'Signature').sort()
  const canonical = names.map((n) => `${popEncode(n)}=${popEncode(params.get(n)!)}`).join('&')
  return `${method.toUpperCase()}&${popEncode('/')}&${popEncode(canonical)}`
}

const base64 = (bytes: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(bytes)))

export const hmacSha1 = async (secret: string, text: string): Promise<string> => {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', enc.encode(`${secret}&`), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
  return base64(await crypto.subtle.sign('HMAC', key, enc.encode(text)))
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the API's Timestamp format. */
export const timestamp = (d: Date = new Date()): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The signed form body of one POST: the common parameters, the action's, and Signature. */
export const signedBody = async (
  credentials: { accessKeyId: string; secret: string }, action: string, params: Record<string, string>,
): Promise<string> => {
  const all = new Map<string, string>([
    ['Format', 'JSON'], ['Version', '2016-01-20'], ['AccessKeyId', credentials.accessKeyId],
    ['SignatureMethod', 'HMAC-SHA1'], ['SignatureVersion', '1.0'], ['SignatureNonce', crypto.randomUUID()],
    ['Timestamp', timestamp()], ['Action', action], ...Object.entries(params),
  ])
  all.set('Signature', await hmacSha1(credentials.secret, stringToSign('POST', all)))
  return [...all].map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`).join('&')
}
