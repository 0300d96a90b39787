import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, type KmsError } from '../errors.ts'

export const KeySpec = t.keyof({
  Aliyun_AES_256: null, Aliyun_AES_192: null, Aliyun_AES_128: null, Aliyun_SM4: null,
  RSA_2048: null, RSA_3072: null, RSA_4096: null, EC_P256: null, EC_P256K: null, EC_SM2: null,
  HMAC_SHA256: null, HMAC_SM3: null, // GenerateMac/VerifyMac (API reference §1.3, §5.7)
})
export type KeySpec = t.TypeOf<typeof KeySpec>

export const KeyUsage = t.keyof({ 'ENCRYPT/DECRYPT': null, 'SIGN/VERIFY': null, 'GENERATE/VERIFY_MAC': null })
export type KeyUsage = t.TypeOf<typeof KeyUsage>

/** Where a key lives: the region's default key, or a key of a software, hardware or external instance (S-1). */
export const KeyKind = t.keyof({ default: null, software: null, hardware: null, external: null })
export type KeyKind = t.TypeOf<typeof KeyKind>

export const Origin = t.keyof({ Aliyun_KMS: null, EXTERNAL: null })
export type Origin = t.TypeOf<typeof Origin>

export const ProtectionLevel = t.keyof({ SOFTWARE: null, HSM: null })
export type ProtectionLevel = t.TypeOf<typeof ProtectionLevel>

const SPECS_BY_KIND: Record<KeyKind, readonly KeySpec[]> = {
  default: ['Aliyun_AES_256'], // API reference §5.13: default keys are symmetric AES-256 only
  software: ['Aliyun_AES_256', 'RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K', 'HMAC_SHA256', 'HMAC_SM3'], // S-2.2; HMAC: issue 15
  hardware: ['Aliyun_AES_256', 'Aliyun_AES_192', 'Aliyun_AES_128', 'Aliyun_SM4',
    'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P256K', 'EC_SM2', 'HMAC_SHA256'], // S-2.3; HMAC: issue 15 (no HMAC_SM3: the PKCS#11 token has no SM3 HMAC)
  external: ['Aliyun_AES_256', 'Aliyun_SM4'], // S-2.4
}

const USAGES_BY_SPEC: Record<KeySpec, readonly KeyUsage[]> = {
  Aliyun_AES_256: ['ENCRYPT/DECRYPT'], Aliyun_AES_192: ['ENCRYPT/DECRYPT'], Aliyun_AES_128: ['ENCRYPT/DECRYPT'],
  Aliyun_SM4: ['ENCRYPT/DECRYPT'],
  RSA_2048: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'], RSA_3072: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'],
  RSA_4096: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'],
  EC_P256: ['SIGN/VERIFY'], EC_P256K: ['SIGN/VERIFY'], // S-2.5 and API reference §5.7: ECDSA keys only sign
  EC_SM2: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'],
  HMAC_SHA256: ['GENERATE/VERIFY_MAC'], HMAC_SM3: ['GENERATE/VERIFY_MAC'],
}

export const isSymmetric = (spec: KeySpec): boolean => spec.startsWith('Aliyun_')
/** HMAC keys: secret keys that only make and check MACs (GenerateMac/VerifyMac). */
export const isHmac = (spec: KeySpec): boolean => spec.startsWith('HMAC_')
/** Secret-key specs (encrypting or MAC) use their primary version; asymmetric keys name a version per call. */
export const hasPrimaryVersion = (spec: KeySpec): boolean => isSymmetric(spec) || isHmac(spec)

export const specsForKind = (kind: KeyKind): readonly KeySpec[] => SPECS_BY_KIND[kind]
export const usagesForSpec = (spec: KeySpec): readonly KeyUsage[] => USAGES_BY_SPEC[spec]

/** Keys that can only sign default to SIGN/VERIFY; every other spec defaults to ENCRYPT/DECRYPT. */
export const defaultUsage = (spec: KeySpec): KeyUsage => USAGES_BY_SPEC[spec][0] ?? 'ENCRYPT/DECRYPT'

export const checkSpecForKind = (kind: KeyKind, spec: KeySpec): E.Either<KmsError, KeySpec> =>
  SPECS_BY_KIND[kind].includes(spec)
    ? E.right(spec)
    : E.left(invalidParameter('KeySpec', `${rule(kind)}: a ${kind} key takes ${SPECS_BY_KIND[kind].join(', ')}`))

export const checkUsageForSpec = (spec: KeySpec, usage: KeyUsage): E.Either<KmsError, KeyUsage> =>
  USAGES_BY_SPEC[spec].includes(usage)
    ? E.right(usage)
    : E.left(invalidParameter('KeyUsage', `S-2.5: ${spec} supports ${USAGES_BY_SPEC[spec].join(' or ')}`))

const rule = (kind: KeyKind): string =>
  ({ default: 'S-1.2', software: 'S-2.2', hardware: 'S-2.3', external: 'S-2.4' })[kind]
