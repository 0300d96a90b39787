import KmsSdk from '@alicloud/kms20160120'
import * as Rpc from '@alicloud/rpc-client'
import Pop from '@alicloud/pop-core'

// The official clients, pointed at a local server: npm @alicloud/kms20160120 1.2.0 (RPC v1) and pop-core
// (generic RPC, for the actions 1.2.0 lacks). Both are CommonJS; their ESM default is module.exports.

/* eslint-disable @typescript-eslint/no-explicit-any */
const Kms = KmsSdk as any
export const $kms = Kms as Record<string, new (m: Record<string, unknown>) => unknown>

export const kmsClient = (port: number, key: { id: string; secret: string }, options: { readTimeout?: number } = {}): any =>
  new Kms.default(new (Rpc as any).Config({
    accessKeyId: key.id, accessKeySecret: key.secret, endpoint: `127.0.0.1:${port}`, protocol: 'http', regionId: 'cn-hangzhou', ...options,
  }))

export const popClient = (port: number, key: { id: string; secret: string }): { request: (action: string, params: Record<string, unknown>, opts?: Record<string, unknown>) => Promise<any> } =>
  new (Pop as any).RPCClient({ accessKeyId: key.id, accessKeySecret: key.secret, endpoint: `http://127.0.0.1:${port}`, apiVersion: '2016-01-20' })

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
