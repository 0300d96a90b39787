import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import { popEncode } from '../wire/pop-encode.ts'
import type { Params } from '../wire/params.ts'

// RPC signature v1 (API reference §3.1), as @alicloud/rpc-util and pop-core compute it: every parameter but
// Signature, sorted by unencoded name (UTF-16 order, JS default sort), POP-encoded, joined; then
// METHOD&%2F&enc(canonical), HMAC-SHA1 with key = secret + "&", Base64.

export const rpcV1StringToSign = (method: string, params: Params): string => {
  const names = [...params.keys()].filter((n) => n !== 'Signature').sort()
  const canonical = names.map((n) => `${popEncode(n)}=${popEncode(params.get(n)!)}`).join('&')
  return `${method.toUpperCase()}&${popEncode('/')}&${popEncode(canonical)}`
}

/**
 * The HMAC key of each secret, made once (issue 11): from a string Node converts and imports the key for every
 * request. Bounded: only the secrets of known access keys come here, so the bound is a guard, not a policy.
 */
const hmacKeys = new Map<string, KeyObject>()
const MAX_HMAC_KEYS = 1024

const hmacKeyOf = (secret: string): KeyObject => {
  let key = hmacKeys.get(secret)
  if (key === undefined) {
    if (hmacKeys.size >= MAX_HMAC_KEYS) hmacKeys.clear()
    hmacKeys.set(secret, (key = createSecretKey(Buffer.from(`${secret}&`, 'utf8'))))
  }
  return key
}

export const rpcV1Signature = (secret: string, stringToSign: string): string =>
  createHmac('sha1', hmacKeyOf(secret)).update(stringToSign, 'utf8').digest('base64')
