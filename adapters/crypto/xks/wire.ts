import * as t from 'io-ts'

// The XKS Proxy API's answers (docs/external-keys.md; XKS Proxy API v1 "Response Payload Syntax"), decoded at
// the boundary: anything else is a malformed answer, never trusted.

const Base64 = new t.Type<Buffer, string, unknown>(
  'Base64',
  (u): u is Buffer => Buffer.isBuffer(u),
  (u, c) => (typeof u === 'string' && /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(u) ? t.success(Buffer.from(u, 'base64')) : t.failure(u, c)),
  (b) => b.toString('base64'),
)

export const KeyMetadataAnswer = t.type({ keySpec: t.string, keyUsage: t.array(t.string), keyStatus: t.string })
export type KeyMetadataAnswer = t.TypeOf<typeof KeyMetadataAnswer>

export const EncryptAnswer = t.intersection([
  t.type({ ciphertext: Base64, initializationVector: Base64, authenticationTag: Base64 }),
  t.partial({ ciphertextMetadata: Base64, ciphertextDataIntegrityValue: Base64 }),
])
export type EncryptAnswer = t.TypeOf<typeof EncryptAnswer>

export const DecryptAnswer = t.type({ plaintext: Base64 })

export const HealthAnswer = t.type({
  xksProxyFleetSize: t.number, xksProxyVendor: t.string, xksProxyModel: t.string, ekmVendor: t.string,
  ekmFleetDetails: t.array(t.type({ id: t.string, model: t.string, healthStatus: t.string })),
})
export type HealthAnswer = t.TypeOf<typeof HealthAnswer>

/** XKS `requestMetadata` (the fields keyledger has; awsSourceVpc/Vpce have no counterpart here). */
export interface XksRequestMetadata {
  readonly awsPrincipalArn?: string
  readonly kmsKeyArn?: string
  readonly kmsOperation: string
  readonly kmsRequestId: string
  readonly kmsViaService?: string
}
