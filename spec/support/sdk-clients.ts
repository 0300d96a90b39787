import KmsSdk from '@alicloud/kms20160120'
import * as Rpc from '@alicloud/rpc-client'
import Pop from '@alicloud/pop-core'
import OpenApiCore from '@alicloud/openapi-core'

// The official clients, pointed at a local server: npm @alicloud/kms20160120 1.2.0 (RPC v1) and pop-core
// (generic RPC, for the actions 1.2.0 lacks), and the 3.x runtime @alicloud/openapi-core (openApiClient below).
// All are CommonJS; their ESM default is module.exports.

/* eslint-disable @typescript-eslint/no-explicit-any */
const Kms = KmsSdk as any
export const $kms = Kms as Record<string, new (m: Record<string, unknown>) => unknown>
const OpenApi = OpenApiCore as any

/**
 * The SDKs' own timeouts are 3 s (httpx's default): on a loaded 2-core CI machine a server's first call after it
 * starts can take longer, and a spec then fails on the machine, not on the product (CI stop 23's run saw a
 * ReadTimeout(3000) in backup-esdb.spec.ts). The specs wait for answers; the one that checks a timeout bounds a
 * call sets its own.
 */
const SPEC_TIMEOUT_MS = 60_000

export const kmsClient = (port: number, key: { id: string; secret: string }, options: { readTimeout?: number; protocol?: 'http' | 'https' } = {}): any =>
  new Kms.default(new (Rpc as any).Config({
    accessKeyId: key.id, accessKeySecret: key.secret, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: 'cn-hangzhou',
    readTimeout: SPEC_TIMEOUT_MS, connectTimeout: SPEC_TIMEOUT_MS, ...options,
  }))

export const popClient = (port: number, key: { id: string; secret: string }): { request: (action: string, params: Record<string, unknown>, opts?: Record<string, unknown>) => Promise<any> } =>
  new (Pop as any).RPCClient({ accessKeyId: key.id, accessKeySecret: key.secret, endpoint: `http://127.0.0.1:${port}`, apiVersion: '2016-01-20', opts: { timeout: SPEC_TIMEOUT_MS } })

/**
 * The error an SDK call threw: npm 1.2.0 puts `<Code>Error` in e.code and the body in e.data. An error with no
 * answer (ECONNRESET, a timeout) is rethrown: it is no refusal by the server, and reading it as one once made a
 * spec race look like a disabled access key accepted (issue 13, finding 9).
 */
export const sdkError = async (p: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> => {
  try {
    await p
  } catch (e) {
    const err = e as { code?: string; data?: Record<string, unknown> }
    if (err.data === undefined) throw new Error(`the call got no answer from the server: ${String(e)}`, { cause: e })
    return { code: err.code ?? '', data: err.data }
  }
  throw new Error('the call succeeded')
}

/**
 * The 3.x SDK runtime (npm @alicloud/openapi-core, the Darabonba client every 3.x product SDK is generated on):
 * `callApi` with the parameters the generated KMS 3.x SDK passes for an RPC action (POST, form body, JSON answer,
 * ACS3-HMAC-SHA256 signature). For the actions npm @alicloud/kms20160120 1.2.0 lacks (GenerateMac, VerifyMac…),
 * as a 3.x user calls them; `headers` are signed like every x-acs-* header (e.g. x-acs-caller-service).
 * A refusal throws with the server's Code in `e.code` and its body in `e.data` (as sdkError reads them).
 */
export const openApiClient = (port: number, key: { id: string; secret: string }) => {
  const client = new OpenApi.default(new OpenApi.$OpenApiUtil.Config({
    accessKeyId: key.id, accessKeySecret: key.secret, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: 'cn-hangzhou',
  }))
  return async (action: string, query: Record<string, string>, headers: Record<string, string> = {}): Promise<any> => {
    const params = new OpenApi.$OpenApiUtil.Params({
      action, version: '2016-01-20', protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
    })
    const answer = await client.callApi(params, new OpenApi.$OpenApiUtil.OpenApiRequest({ query, headers }), { readTimeout: 120000, connectTimeout: 30000, autoretry: false })
    return answer.body
  }
}
