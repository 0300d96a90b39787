import { createHmac } from 'node:crypto';
import { popEncode } from "../wire/pop-encode.js";
// RPC signature v1 (API reference §3.1), as @alicloud/rpc-util and pop-core compute it: every parameter but
// Signature, sorted by unencoded name (UTF-16 order, JS default sort), POP-encoded, joined; then
// METHOD&%2F&enc(canonical), HMAC-SHA1 with key = secret + "&", Base64.
export const rpcV1StringToSign = (method, params) => {
    const names = [...params.keys()].filter((n) => n !== 'Signature').sort();
    const canonical = names.map((n) => `${popEncode(n)}=${popEncode(params.get(n))}`).join('&');
    return `${method.toUpperCase()}&${popEncode('/')}&${popEncode(canonical)}`;
};
export const rpcV1Signature = (secret, stringToSign) => createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
