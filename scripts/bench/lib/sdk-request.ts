import { randomBytes } from 'node:crypto'
import { arch, platform } from 'node:os'
import { stringify } from 'node:querystring'
import { rpcV1Signature, rpcV1StringToSign } from '../../../adapters/http/auth/rpc-v1.ts'

// A request exactly as the official SDK npm @alicloud/kms20160120 1.2.0 sends it (its @alicloud/rpc-client 1.x
// doRequest + @alicloud/tea-typescript doAction): POST to "/" with every parameter in the query string, in the
// SDK's order (Action, Format, Timestamp, Version, SignatureNonce, the call's own parameters, SignatureMethod,
// SignatureVersion, AccessKeyId, Signature), encoded by node:querystring; headers x-acs-version, x-acs-action,
// host and the SDK's user-agent; no body. Signed with RPC v1 (HMAC-SHA1). The bench builds its requests here,
// without the SDK's per-call overhead, so the load client stays cheap; spec/scripts/bench/sdk-request.spec.ts
// checks the bytes against what the real SDK sends.

export interface AccessKey {
  readonly id: string
  readonly secret: string
}

export interface SignedRequest {
  readonly method: 'POST'
  readonly path: string
  readonly headers: Record<string, string>
}

export const SDK_USER_AGENT = `AlibabaCloud (${platform()}; ${arch()}) Node.js/${process.version} Core/1.0.1 TeaDSL/2`

/** The SDK's timestamp: UTC to the second, "2026-01-01T00:00:00Z". */
export const sdkTimestamp = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

export const signedSdkRequest = (
  host: string, key: AccessKey, action: string, params: Record<string, string>,
  o: { now?: Date; nonce?: string } = {},
): SignedRequest => {
  const query: Record<string, string> = {
    Action: action, Format: 'json', Timestamp: sdkTimestamp(o.now ?? new Date()), Version: '2016-01-20',
    SignatureNonce: o.nonce ?? randomBytes(16).toString('hex'), ...params,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', AccessKeyId: key.id,
  }
  query['Signature'] = rpcV1Signature(key.secret, rpcV1StringToSign('POST', new Map(Object.entries(query))))
  return {
    method: 'POST',
    path: `/?${stringify(query)}`,
    headers: { 'x-acs-version': '2016-01-20', 'x-acs-action': action, host, 'user-agent': SDK_USER_AGENT },
  }
}
