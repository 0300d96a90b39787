import fc from 'fast-check'
import { API_OPERATIONS, wireProps } from '../../domain/operations/catalogue.ts'
import { WireParam, type WireShape } from '../../domain/operations/wire.ts'
import { REGION } from '../../spec/support/api-server.ts'

// What the wire fuzzer knows of each action, DERIVED from the catalogue of operations (domain/operations/
// catalogue.ts): every action's parameters are described once there, as io-ts codecs that also carry their shape
// (domain/operations/wire.ts). From the shape come a valid value on the fuzzer's own world of real keys, versions,
// a ciphertext blob and an alias, the attacks aimed at the parameter (scripts/fuzz/wire-fuzzer.ts) and the oracle
// "certainly invalid". What stays here is the world: which real key an action names, and the few values that are
// valid only on this server (its region, a rotation interval).

/** Real things on the server the valid requests name. */
export interface World {
  readonly symmetricKey: string
  readonly rsaKey: string
  readonly rsaVersion: string
  readonly ecKey: string
  readonly ecVersion: string
  readonly hmacKey: string
  readonly blob: string
  readonly alias: string
  readonly rsaSpki: string
}

/** How a parameter is typed on the wire (its catalogue shape); the mutators pick their attacks from it. */
export type Kind = WireShape['kind']

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

/**
 * Actions the fuzzer does not send: a valid request would take its world away (a disabled key, a key pending
 * deletion, a key policy that locks the caller out, the alias gone), and every later request would be refused
 * before it reached the code under test. Each is covered by its own specs.
 */
export const WORLD_BREAKING: ReadonlySet<string> = new Set(['DisableKey', 'ScheduleKeyDeletion', 'DeleteKeyMaterial', 'SetKeyPolicy', 'DeleteAlias'])

/** Which of the world's keys an action names (the symmetric key unless listed). */
const KEY_OF: Readonly<Record<string, (w: World) => readonly [key: string, version: string]>> = {
  AsymmetricSign: (w) => [w.ecKey, w.ecVersion],
  AsymmetricVerify: (w) => [w.ecKey, w.ecVersion],
  AsymmetricEncrypt: (w) => [w.rsaKey, w.rsaVersion],
  AsymmetricDecrypt: (w) => [w.rsaKey, w.rsaVersion],
  GetPublicKey: (w) => [w.rsaKey, w.rsaVersion],
  DescribeKeyVersion: (w) => [w.rsaKey, w.rsaVersion],
  GenerateMac: (w) => [w.hmacKey, ''],
  VerifyMac: (w) => [w.hmacKey, ''],
}
const keyOf = (action: string, w: World) => KEY_OF[action]?.(w) ?? [w.symmetricKey, '']

/** Values valid only on this world, by `Action.Parameter` or `Parameter` (the catalogue says only "text" or the whole enumeration). */
const WORLD_VALUES: Readonly<Record<string, (w: World) => fc.Arbitrary<string>>> = {
  RegionId: () => fc.constant(REGION),
  ResourceType: () => fc.constant('key'),
  RotationInterval: () => fc.constantFrom('604800s', '2592000s', '30d'),
  FirstSize: () => fc.constantFrom('0', '1'),
  SecondSize: () => fc.constantFrom('1', '2'),
  'GetParametersForImport.WrappingKeySpec': () => fc.constant('RSA_2048'),
  'GetParametersForImport.WrappingAlgorithm': () => fc.constant('RSAES_OAEP_SHA_256'),
  'GenerateAndExportDataKey.WrappingKeySpec': () => fc.constant('RSA_2048'),
  'ExportDataKey.WrappingKeySpec': () => fc.constant('RSA_2048'),
  'GenerateAndExportDataKey.WrappingAlgorithm': () => fc.constantFrom('RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'),
  'ExportDataKey.WrappingAlgorithm': () => fc.constant('RSAES_OAEP_SHA_256'),
  'GenerateAndExportDataKey.NumberOfBytes': () => fc.integer({ min: 1, max: 128 }).map(String),
  'AsymmetricSign.Algorithm': () => fc.constant('ECDSA_SHA_256'),
  'AsymmetricVerify.Algorithm': () => fc.constant('ECDSA_SHA_256'),
  'AsymmetricEncrypt.Algorithm': () => fc.constant('RSAES_OAEP_SHA_256'),
  'AsymmetricDecrypt.Algorithm': () => fc.constant('RSAES_OAEP_SHA_256'),
  'CreateKey.KeySpec': () => fc.constantFrom('Aliyun_AES_256', 'EC_P256'),
  'CreateKey.KeyUsage': () => fc.constant('ENCRYPT/DECRYPT'),
  'CreateKey.Origin': () => fc.constant('Aliyun_KMS'),
  'CreateKey.ProtectionLevel': () => fc.constant('SOFTWARE'),
  'CreateKey.Policy': () => fc.constant('{"Version":"1","Statement":[]}'),
  'CreateAlias.AliasName': () => fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/).map((n) => `alias/fuzz-${n}`),
}

const safeText = fc.stringMatching(/^[A-Za-z0-9 _.-]{0,40}$/)
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/)
const bytes = (max: number) => fc.uint8Array({ minLength: 1, maxLength: max }).map((a) => Buffer.from(a).toString('base64'))
const DIGEST = Buffer.alloc(32, 7).toString('base64')
const arn = (id: string) => `acs:kms:cn-hangzhou:1234567890123456:key/${id}`

/** A valid value of a shape, on the world, for one action. */
const validOf = (action: string, shape: WireShape, w: World): fc.Arbitrary<string> => {
  switch (shape.kind) {
    case 'keyId': {
      const [key] = keyOf(action, w)
      return fc.constantFrom(key, arn(key))
    }
    case 'versionId':
      return fc.constant(keyOf(action, w)[1])
    case 'alias':
      return fc.constant(w.alias)
    case 'boolean':
      return fc.constantFrom('true', 'false')
    case 'enum':
      return fc.constantFrom(...shape.values)
    case 'int':
      return fc.integer({ min: shape.min, max: Math.min(shape.max, shape.min + 1023) }).map(String)
    case 'base64':
      return shape.holds === 'ciphertext'
        ? fc.constant(w.blob)
        : shape.holds === 'spki'
          ? fc.constant(w.rsaSpki)
          : shape.holds === 'digest'
            ? fc.constant(DIGEST)
            : bytes(64)
    case 'json':
      switch (shape.holds) {
        case 'context':
          return fc.dictionary(word, fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 3 }).map((d) => JSON.stringify(d))
        case 'tags':
          return fc.uniqueArray(word, { minLength: 1, maxLength: 3 }).map((ks) => JSON.stringify(ks.map((k) => ({ TagKey: k, TagValue: 'v' }))))
        case 'tagKeys':
          return fc.array(word, { minLength: 1, maxLength: 3 }).map((k) => JSON.stringify(k))
        case 'filters':
          return fc.constant('[{"Key":"KeySpec","Values":["Aliyun_AES_256"]}]')
        default:
          return fc.constant('{}')
      }
    case 'instant':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
    case 'text':
      return safeText
  }
}

const paramOf = (action: string, name: string, codec: WireParam): Param => {
  const world = WORLD_VALUES[`${action}.${name}`] ?? WORLD_VALUES[name]
  const s = codec.shape
  return {
    name,
    kind: s.kind,
    required: codec.presence === 'required',
    valid: (w) => (world ? world(w) : validOf(action, s, w)),
    ...(s.kind === 'enum' ? { values: s.values } : {}),
    ...(s.kind === 'int' ? { range: [s.min, s.max] as const } : {}),
  }
}

/** The codec of each declared parameter, in declaration order. */
const codecs = (o: (typeof API_OPERATIONS)[number]): [string, WireParam][] => {
  const { required, optional } = wireProps(o)
  return Object.entries({ ...required, ...optional }).map(([n, c]) => {
    if (!(c instanceof WireParam)) throw new Error(`${o.name}.${n}: the catalogue declares no wire shape`)
    return [n, c]
  })
}

/** Actions and their parameters, from the catalogue. `Action` itself is added by the generator. */
export const OPERATIONS: Readonly<Record<string, readonly Param[]>> = Object.fromEntries(
  API_OPERATIONS.filter((o) => !WORLD_BREAKING.has(o.name)).map((o) => [o.name, codecs(o).map(([n, c]) => paramOf(o.name, n, c))]),
)
