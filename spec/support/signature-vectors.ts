import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Requests captured from the official SDKs (copied from the reference into spec/vectors/, never read from
// /work/shared at test time).

export interface CapturedRequest {
  readonly call: string
  readonly method: string
  readonly rawUrl: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface SignatureVectors {
  readonly accessKeyId: string
  readonly accessKeySecret: string
  readonly rpcV1_sdk_1_2_0: readonly CapturedRequest[]
  readonly acs3_sdk_3_2_0: readonly CapturedRequest[]
}

export const signatureVectors = (): SignatureVectors =>
  JSON.parse(readFileSync(fileURLToPath(new URL('../vectors/signature-vectors.json', import.meta.url)), 'utf8'))

/** The request's signing time: the Timestamp parameter (RPC v1) or the x-acs-date header (ACS3). */
export const signedAt = (r: CapturedRequest): Date => {
  const m = /[?&]Timestamp=([^&]+)/.exec(r.rawUrl)
  return new Date(m ? decodeURIComponent(m[1]!) : r.headers['x-acs-date']!)
}
