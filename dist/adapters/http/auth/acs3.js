import { createHash, createHmac } from 'node:crypto';
import { popEncode } from "../wire/pop-encode.js";
// ACS3-HMAC-SHA256 (API reference §3.2), as @alicloud/openapi-core computes it.
export const ACS3 = 'ACS3-HMAC-SHA256';
const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
export const parseAcs3Authorization = (header) => {
    const m = AUTHORIZATION.exec(header.trim());
    return m ? { accessKeyId: m[1], signedHeaders: m[2].split(';'), signature: m[3] } : undefined;
};
export const sha256Hex = (data) => createHash('sha256').update(data).digest('hex');
/** The canonical URI: the path with `+`→%20, `*`→%2A, %7E→`~` (openapi-core). */
const canonicalUri = (path) => path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
export const acs3CanonicalRequest = (r) => {
    const query = [...r.query]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([n, v]) => `${popEncode(n)}=${popEncode(v)}`)
        .join('&');
    const headers = r.signedHeaders.map((h) => `${h}:${(r.headers[h] ?? '').trim()}\n`).join('');
    return [r.method.toUpperCase(), canonicalUri(r.path), query, headers, r.signedHeaders.join(';'), r.payloadHash].join('\n');
};
export const acs3StringToSign = (canonicalRequest) => `${ACS3}\n${sha256Hex(canonicalRequest)}`;
export const acs3Signature = (secret, stringToSign) => createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
