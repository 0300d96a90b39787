import { createHmac } from 'node:crypto'
import { popEncode } from '../wire/pop-encode.ts'
import type { Params } from '../wire/params.ts'

// RPC signature v1 (API reference §3.1), as @alicloud/rpc-util and pop-core compute it: every parameter but
// Signature, sorted by unencoded name (UTF-16 order, JS default sort), POP-encoded, joined; then
// METHOD&%2F&enc(canonical), HMAC-SHA1 with key = secret + "&", Base64.

/**
 * popEncode of a text popEncode made: it holds only A-Z a-z 0-9 - _ . ~ and %XX, so encoding it again only turns
 * `%` into `%25`. The canonical string is encoded part by part this way (issue 11: encoding the whole joined
 * string again cost as much as all its parts), its `=` and `&` written as `%3D` and `%26`.
 */
const encodedAgain = (encoded: string): string => (encoded.includes('%') ? encoded.replaceAll('%', '%25') : encoded)

export const rpcV1StringToSign = (method: string, params: Params): string => {
  const names = [...params.keys()].filter((n) => n !== 'Signature').sort()
  const canonical = names.map((n) => `${encodedAgain(popEncode(n))}%3D${encodedAgain(popEncode(params.get(n)!))}`).join('%26')
  return `${method.toUpperCase()}&%2F&${canonical}`
}

/** The signature of a string to sign under a secret (a client's computation; the verifier keys its HMAC through hmac-keys.ts). */
export const rpcV1Signature = (secret: string, stringToSign: string): string =>
  createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64')
