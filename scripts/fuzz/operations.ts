import fc from 'fast-check'

// What the wire fuzzer knows of each action: its parameters and how to make a VALID value of each, given the
// keys and blobs the fuzzer created. This is the fuzzer's own view of the API (docs/http-api.md); once the
// operation catalogue (issue "Architecture") declares every action's io-ts wire schema, these declarations
// are to be derived from it instead (docs/testing.md "Wire fuzzer").

/** Real things on the server the valid requests name. */
export interface World {
  readonly symmetricKey: string
  readonly rsaKey: string
  readonly rsaVersion: string
  readonly ecKey: string
  readonly ecVersion: string
  readonly blob: string
  readonly alias: string
  readonly rsaSpki: string
}

/** How a parameter is typed on the wire; the mutators pick their attacks from it. */
export type Kind = 'keyId' | 'versionId' | 'boolean' | 'enum' | 'int' | 'base64' | 'json' | 'text' | 'alias' | 'instant' | 'tagKeys'

export interface Param {
  readonly name: string
  readonly kind: Kind
  readonly required: boolean
  /** A valid value. */
  readonly valid: (w: World) => fc.Arbitrary<string>
  /** For 'enum': the values; for 'int': [min, max]. */
  readonly values?: readonly string[]
  readonly range?: readonly [number, number]
}

const constant = (v: string) => () => fc.constant(v)
const key = (name = 'KeyId', pick: (w: World) => string = (w) => w.symmetricKey): Param => ({
  name,
  kind: 'keyId',
  required: true,
  valid: (w) => fc.constantFrom(pick(w), `acs:kms:cn-hangzhou:1234567890123456:key/${pick(w)}`),
})
const en = (name: string, values: readonly string[], required = false): Param => ({
  name,
  kind: 'enum',
  required,
  values,
  valid: () => fc.constantFrom(...values),
})
const bool = (name: string, required = false): Param => ({ name, kind: 'boolean', required, valid: () => fc.constantFrom('true', 'false') })
const int = (name: string, min: number, max: number, required = false): Param => ({
  name,
  kind: 'int',
  required,
  range: [min, max],
  valid: () => fc.integer({ min, max }).map(String),
})
const safeText = fc.stringMatching(/^[A-Za-z0-9 _.-]{0,40}$/)
const text = (name: string, required = false): Param => ({ name, kind: 'text', required, valid: () => safeText })
const b64 = (name: string, bytes = 32): Param => ({
  name,
  kind: 'base64',
  required: true,
  valid: () => fc.uint8Array({ minLength: 1, maxLength: bytes }).map((a) => Buffer.from(a).toString('base64')),
})
const context: Param = {
  name: 'EncryptionContext',
  kind: 'json',
  required: false,
  valid: () => fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 3 }).map((d) => JSON.stringify(d)),
}
const tagKeys: Param = {
  name: 'TagKeys',
  kind: 'tagKeys',
  required: true,
  valid: () => fc.array(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), { minLength: 1, maxLength: 3 }).map((k) => JSON.stringify(k)),
}
const tags: Param = {
  name: 'Tags',
  kind: 'json',
  required: true,
  valid: () =>
    fc
      .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), { minLength: 1, maxLength: 3 })
      .map((ks) => JSON.stringify(ks.map((k) => ({ TagKey: k, TagValue: 'v' })))),
}
const DIGEST = Buffer.alloc(32, 7).toString('base64')

/** Actions and their parameters. `Action` itself is added by the generator. */
export const OPERATIONS: Readonly<Record<string, readonly Param[]>> = {
  CreateKey: [
    en('KeySpec', ['Aliyun_AES_256', 'EC_P256']),
    en('KeyUsage', ['ENCRYPT/DECRYPT']),
    en('Origin', ['Aliyun_KMS']),
    en('ProtectionLevel', ['SOFTWARE']),
    text('Description'),
    bool('EnableAutomaticRotation'),
    { ...en('RotationInterval', ['604800s', '2592000s']) },
  ],
  DescribeKey: [key()],
  ListKeys: [int('PageNumber', 1, 5), int('PageSize', 1, 100)],
  EnableKey: [key()],
  UpdateKeyDescription: [key(), { ...text('Description'), required: true }],
  UpdateRotationPolicy: [key(), bool('EnableAutomaticRotation', true), en('RotationInterval', ['604800s', '31536000s'])],
  SetDeletionProtection: [key(), bool('EnableDeletionProtection', true), text('DeletionProtectionDescription')],
  CancelKeyDeletion: [key()],
  DescribeKeyVersion: [
    key('KeyId', (w) => w.rsaKey),
    { name: 'KeyVersionId', kind: 'versionId', required: true, valid: (w) => fc.constant(w.rsaVersion) },
  ],
  ListKeyVersions: [key(), int('PageNumber', 1, 3), int('PageSize', 1, 100)],
  ListAliases: [int('PageNumber', 1, 3), int('PageSize', 1, 100)],
  ListAliasesByKeyId: [key()],
  ListResourceTags: [key()],
  TagResource: [key(), tags],
  UntagResource: [key(), tagKeys],
  GetKeyPolicy: [key(), en('PolicyName', ['default'])],
  DescribeRegions: [],
  GetKeyLastCallTime: [key()],
  ListKeyHistory: [key(), int('PageNumber', 1, 3), int('PageSize', 1, 100)],
  GetComplianceReport: [
    en('ReportName', ['no-rotation', 'rotation-overdue', 'unused'], true),
    {
      name: 'At',
      kind: 'instant',
      required: false,
      valid: () => fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    },
  ],
  Encrypt: [key(), b64('Plaintext', 64), context],
  Decrypt: [{ name: 'CiphertextBlob', kind: 'base64', required: true, valid: (w) => fc.constant(w.blob) }],
  ReEncrypt: [{ name: 'CiphertextBlob', kind: 'base64', required: true, valid: (w) => fc.constant(w.blob) }, key('DestinationKeyId')],
  GenerateDataKey: [key(), en('KeySpec', ['AES_256', 'AES_128']), int('NumberOfBytes', 1, 1024), context],
  GenerateDataKeyWithoutPlaintext: [key(), en('KeySpec', ['AES_256', 'AES_128']), int('NumberOfBytes', 1, 1024)],
  GenerateAndExportDataKey: [
    key(),
    en('KeySpec', ['AES_256', 'AES_128']),
    int('NumberOfBytes', 1, 128),
    { name: 'PublicKeyBlob', kind: 'base64', required: true, valid: (w) => fc.constant(w.rsaSpki) },
    en('WrappingKeySpec', ['RSA_2048'], true),
    en('WrappingAlgorithm', ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'], true),
  ],
  ExportDataKey: [
    { name: 'CiphertextBlob', kind: 'base64', required: true, valid: (w) => fc.constant(w.blob) },
    { name: 'PublicKeyBlob', kind: 'base64', required: true, valid: (w) => fc.constant(w.rsaSpki) },
    en('WrappingKeySpec', ['RSA_2048'], true),
    en('WrappingAlgorithm', ['RSAES_OAEP_SHA_256'], true),
  ],
  AsymmetricSign: [
    key('KeyId', (w) => w.ecKey),
    { name: 'KeyVersionId', kind: 'versionId', required: true, valid: (w) => fc.constant(w.ecVersion) },
    en('Algorithm', ['ECDSA_SHA_256'], true),
    { name: 'Digest', kind: 'base64', required: true, valid: constant(DIGEST) },
  ],
  GetPublicKey: [key('KeyId', (w) => w.rsaKey), { name: 'KeyVersionId', kind: 'versionId', required: true, valid: (w) => fc.constant(w.rsaVersion) }],
  AsymmetricEncrypt: [
    key('KeyId', (w) => w.rsaKey),
    { name: 'KeyVersionId', kind: 'versionId', required: true, valid: (w) => fc.constant(w.rsaVersion) },
    en('Algorithm', ['RSAES_OAEP_SHA_256'], true),
    b64('Plaintext', 64),
  ],
}
