import { createHash, randomBytes } from 'node:crypto'
import { callApi } from './api.ts'
import type { AccessKey } from './sdk-request.ts'

// The signed HTTP workloads of the issue (#11): each is one API call with its parameters, repeated by the load
// client. Their keys and ciphertext are made on the target first, through the same API.

export const PLAINTEXT_BYTES = 32

export interface Workload {
  readonly name: string
  readonly action: string
  readonly params: Record<string, string>
}

export interface TargetKeys {
  readonly aesKeyId: string
  readonly ciphertextBlob: string
  readonly rsa: { keyId: string; versionId: string } | null
  readonly ec: { keyId: string; versionId: string } | null
}

/** The message whose SHA-256 the sign workloads send as Digest (raw-sign.ts signs the message itself). */
export const SIGN_MESSAGE = Buffer.from('keyledger bench: the same digest for AsymmetricSign and node:crypto')
const DIGEST = createHash('sha256').update(SIGN_MESSAGE).digest('base64')

export const createAesKey = async (url: string, key: AccessKey): Promise<string> =>
  String(((await callApi(url, key, 'CreateKey', { Description: 'bench' }))['KeyMetadata'] as Record<string, unknown>)['KeyId'])

const signingKey = async (url: string, key: AccessKey, spec: string): Promise<{ keyId: string; versionId: string }> => {
  const made = (await callApi(url, key, 'CreateKey', { KeySpec: spec, KeyUsage: 'SIGN/VERIFY', Description: 'bench' }))['KeyMetadata'] as Record<string, unknown>
  const keyId = String(made['KeyId'])
  let versionId = made['PrimaryKeyVersion'] as string | undefined
  if (!versionId) {
    const listed = await callApi(url, key, 'ListKeyVersions', { KeyId: keyId })
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- kept explicit for a value from argv
    versionId = String(((listed['KeyVersions'] as { KeyVersion: Array<{ KeyVersionId: string }> }).KeyVersion[0])!.KeyVersionId)
  }
  return { keyId, versionId }
}

/** Makes the workloads' keys on a target. A target that cannot make signing keys gets no sign rows. */
export const setUpTarget = async (url: string, key: AccessKey, plaintext: string): Promise<TargetKeys & { notes: string[] }> => {
  const notes: string[] = []
  const aesKeyId = await createAesKey(url, key)
  const ciphertextBlob = String((await callApi(url, key, 'Encrypt', { KeyId: aesKeyId, Plaintext: plaintext }))['CiphertextBlob'])
  const optional = async (spec: string) => {
    try {
      return await signingKey(url, key, spec)
    } catch (e) {
      notes.push(`${spec} signing key not made: ${e instanceof Error ? e.message : String(e)}`)
      return null
    }
  }
  return { aesKeyId, ciphertextBlob, rsa: await optional('RSA_2048'), ec: await optional('EC_P256'), notes }
}

export const newPlaintext = (): string => randomBytes(PLAINTEXT_BYTES).toString('base64')

export const encryptWorkload = (keyId: string, plaintext: string): Workload =>
  ({ name: 'Encrypt', action: 'Encrypt', params: { KeyId: keyId, Plaintext: plaintext } })

export const workloadsFor = (k: TargetKeys, plaintext: string): { describe: Workload; symmetric: Workload[]; sign: Array<Workload & { spec: 'RSA_2048' | 'EC_P256' }> } => ({
  describe: { name: 'DescribeKey', action: 'DescribeKey', params: { KeyId: k.aesKeyId } },
  symmetric: [
    encryptWorkload(k.aesKeyId, plaintext),
    { name: 'Decrypt', action: 'Decrypt', params: { CiphertextBlob: k.ciphertextBlob } },
    { name: 'GenerateDataKey', action: 'GenerateDataKey', params: { KeyId: k.aesKeyId } },
  ],
  sign: [
    ...(k.rsa ? [{ name: 'AsymmetricSign RSA_2048', spec: 'RSA_2048' as const, action: 'AsymmetricSign', params: { KeyId: k.rsa.keyId, KeyVersionId: k.rsa.versionId, Algorithm: 'RSA_PSS_SHA_256', Digest: DIGEST } }] : []),
    ...(k.ec ? [{ name: 'AsymmetricSign EC_P256', spec: 'EC_P256' as const, action: 'AsymmetricSign', params: { KeyId: k.ec.keyId, KeyVersionId: k.ec.versionId, Algorithm: 'ECDSA_SHA_256', Digest: DIGEST } }] : []),
  ],
})
