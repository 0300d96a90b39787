import * as assert from 'uvu/assert'
import { call, type RawKey } from './signed-request.ts'

// Two accounts' roots on one `keyledger serve`, for the key-event feed's specs (ListKeyEvents, its SSE stream):
// the configuration, and the signed calls those specs make. Never run as a spec.

export const A = '1234567890123456'
export const B = '2222222222222222'
export const KEY_A: RawKey = { id: 'LTAIfeedSpecAccountA0001', secret: 'feed-spec-secret-a-0123456789' }
export const KEY_B: RawKey = { id: 'LTAIfeedSpecAccountB0001', secret: 'feed-spec-secret-b-0123456789' }

export const twoAccounts = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  listen: '127.0.0.1:0', bootstrapAccessKey: false, accountId: A,
  accounts: [{ accountId: A }, { accountId: B }],
  accessKeys: [
    { accessKeyId: KEY_A.id, accessKeySecret: KEY_A.secret, principal: `acs:ram::${A}:root` },
    { accessKeyId: KEY_B.id, accessKeySecret: KEY_B.secret, principal: `acs:ram::${B}:root` },
  ],
  ...extra,
})
export const feedEnv = { KMS_ROOT_KEY: Buffer.alloc(32, 7).toString('base64') }

export interface FeedEvent { schema: string; position: number; eventId: string; keyId: string; keyArn: string; type: string; details: Record<string, unknown> }

/** A signed call that must answer 200: its body. */
export const ok = async (url: string, key: RawKey, params: Record<string, string>): Promise<Record<string, unknown>> => {
  const r = await call(url, key, params)
  assert.is(r.status, 200, `${params['Action']}: ${JSON.stringify(r.body)}`)
  return r.body
}
export const createKey = async (url: string, key: RawKey): Promise<string> => ((await ok(url, key, { Action: 'CreateKey' }))['KeyMetadata'] as { KeyId: string }).KeyId
