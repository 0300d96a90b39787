import pkcs11js from 'pkcs11js'
import type { KeySpec } from '../../../domain/values/key-spec.ts'
import { EC_PARAMS } from './der.ts'

type Handle = pkcs11js.Handle
type P11 = pkcs11js.PKCS11

// How a key version's material is named on the token. CKA_LABEL names one version; CKA_ID names the key, so
// destroy(keyId) finds every version with one search (Cryptoki matches attributes exactly, never by prefix).
// Imported (BYOK) material carries a different CKA_ID so destroyImported never touches generated material.

export const versionLabel = (keyId: string, versionId: string): string => `keyledger:${keyId}:${versionId}`
export const generatedId = (keyId: string): Buffer => Buffer.from(keyId, 'utf8')
export const importedId = (keyId: string): Buffer => Buffer.from(`imported:${keyId}`, 'utf8')

export type TokenSpec = 'Aliyun_AES_256' | 'Aliyun_AES_192' | 'Aliyun_AES_128' | 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_P256' | 'EC_P256K' | 'HMAC_SHA256'

/** SM2 and SM4 are absent from SoftHSM 2.6.1 (no SM mechanisms at all, platform notes §1.3). */
export const isTokenSpec = (spec: KeySpec): spec is TokenSpec => spec !== 'Aliyun_SM4' && spec !== 'EC_SM2' && spec !== 'HMAC_SM3'

export const AES_BYTES = { Aliyun_AES_256: 32, Aliyun_AES_192: 24, Aliyun_AES_128: 16 } as const
export const RSA_BITS = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 } as const

export type AesSpec = keyof typeof AES_BYTES
export type RsaSpec = keyof typeof RSA_BITS
export type EcSpec = keyof typeof EC_PARAMS
export const isAes = (spec: TokenSpec): spec is AesSpec => spec in AES_BYTES
/** Secret (symmetric) keys on the token: AES, and HMAC generic secrets. */
export const SECRET_BYTES = { ...AES_BYTES, HMAC_SHA256: 32 } as const
export type SecretSpec = keyof typeof SECRET_BYTES
export const isSecret = (spec: TokenSpec): spec is SecretSpec => spec in SECRET_BYTES
export const isRsa = (spec: TokenSpec): spec is RsaSpec => spec in RSA_BITS

/** Every private or secret object: on the token, sensitive and never extractable (docs/architecture.md §5). */
const protectedKey = (label: string, id: Buffer): pkcs11js.Template => [
  { type: pkcs11js.CKA_TOKEN, value: true },
  { type: pkcs11js.CKA_PRIVATE, value: true },
  { type: pkcs11js.CKA_SENSITIVE, value: true },
  { type: pkcs11js.CKA_EXTRACTABLE, value: false },
  { type: pkcs11js.CKA_LABEL, value: label },
  { type: pkcs11js.CKA_ID, value: id },
]

// Public objects are CKA_PRIVATE too: their labels name our keys, and an unauthenticated session has no need
// to list them.
const publicKey = (label: string, id: Buffer): pkcs11js.Template => [
  { type: pkcs11js.CKA_TOKEN, value: true },
  { type: pkcs11js.CKA_PRIVATE, value: true },
  { type: pkcs11js.CKA_LABEL, value: label },
  { type: pkcs11js.CKA_ID, value: id },
]

const noWrapping: pkcs11js.Template = [
  { type: pkcs11js.CKA_WRAP, value: false },
  { type: pkcs11js.CKA_UNWRAP, value: false },
  { type: pkcs11js.CKA_DERIVE, value: false },
]

export const secretKeyTemplate = (spec: SecretSpec, label: string, id: Buffer): pkcs11js.Template => spec === 'HMAC_SHA256'
  ? [ // a generic secret that only makes MACs (CKM_SHA256_HMAC): never encrypts
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_GENERIC_SECRET },
      ...protectedKey(label, id),
      ...noWrapping,
      { type: pkcs11js.CKA_SIGN, value: true },
      { type: pkcs11js.CKA_VERIFY, value: true },
    ]
  : [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
      ...protectedKey(label, id),
      ...noWrapping,
      { type: pkcs11js.CKA_ENCRYPT, value: true },
      { type: pkcs11js.CKA_DECRYPT, value: true },
    ]

/** Makes the material of one version. Key pairs can take seconds (RSA-4096: ~2 s), so they run async. */
export const generateOnToken = async (p11: P11, s: Handle, spec: TokenSpec, label: string, id: Buffer): Promise<void> => {
  if (isSecret(spec)) {
    await p11.C_GenerateKeyAsync(s, { mechanism: isAes(spec) ? pkcs11js.CKM_AES_KEY_GEN : pkcs11js.CKM_GENERIC_SECRET_KEY_GEN },
      [...secretKeyTemplate(spec, label, id), { type: pkcs11js.CKA_VALUE_LEN, value: SECRET_BYTES[spec] }])
    return
  }
  // The port's KeyVersionRef carries no usage, so an RSA pair may both sign and decrypt; the domain decides
  // which the key is used for (S-2.5).
  const rsa = isRsa(spec)
  const mechanism = { mechanism: rsa ? pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN : pkcs11js.CKM_EC_KEY_PAIR_GEN }
  const pub: pkcs11js.Template = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
    ...publicKey(label, id),
    { type: pkcs11js.CKA_VERIFY, value: true },
    ...(isRsa(spec)
      ? [
          { type: pkcs11js.CKA_ENCRYPT, value: true },
          { type: pkcs11js.CKA_MODULUS_BITS, value: RSA_BITS[spec] },
          { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
        ]
      : [{ type: pkcs11js.CKA_EC_PARAMS, value: EC_PARAMS[spec] }]),
  ]
  const priv: pkcs11js.Template = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    ...protectedKey(label, id),
    // CKA_WRAP is not a private-key attribute (CKR_ATTRIBUTE_TYPE_INVALID on SoftHSM).
    { type: pkcs11js.CKA_UNWRAP, value: false },
    { type: pkcs11js.CKA_DERIVE, value: false },
    { type: pkcs11js.CKA_SIGN, value: true },
    ...(rsa ? [{ type: pkcs11js.CKA_DECRYPT, value: true }] : []),
  ]
  await p11.C_GenerateKeyPairAsync(s, mechanism, pub, priv)
}

/** BYOK: the material becomes a sensitive, non-extractable token object, like generated material. */
export const importSecretKey = (p11: P11, s: Handle, spec: SecretSpec, label: string, id: Buffer, material: Buffer): void => {
  p11.C_CreateObject(s, [...secretKeyTemplate(spec, label, id), { type: pkcs11js.CKA_VALUE, value: material }])
}

export const findObjects = (p11: P11, s: Handle, template: pkcs11js.Template): Handle[] => {
  p11.C_FindObjectsInit(s, template)
  try {
    return p11.C_FindObjects(s, 64)
  } finally {
    p11.C_FindObjectsFinal(s) // FindObjectsInit twice without Final → CKR_OPERATION_ACTIVE (pitfall 5)
  }
}

export const findByLabel = (p11: P11, s: Handle, label: string, objectClass: number): Handle[] =>
  findObjects(p11, s, [{ type: pkcs11js.CKA_CLASS, value: objectClass }, { type: pkcs11js.CKA_LABEL, value: label }])

/** The key ids named by the labels of every token object of ours (private objects: the session is logged in). */
export const keyIdsOnToken = (p11: P11, s: Handle): string[] => {
  const ids = new Set<string>()
  p11.C_FindObjectsInit(s, [{ type: pkcs11js.CKA_TOKEN, value: true }])
  try {
    for (let page = p11.C_FindObjects(s, 256); page.length > 0; page = p11.C_FindObjects(s, 256)) {
      for (const h of page) {
        const [label] = p11.C_GetAttributeValue(s, h, [{ type: pkcs11js.CKA_LABEL }])
        const m = /^keyledger:([^:]+):/.exec(label?.value instanceof Buffer ? label.value.toString('utf8') : '')
        if (m) ids.add(m[1]!)
      }
    }
  } finally {
    p11.C_FindObjectsFinal(s)
  }
  return [...ids]
}

/** Destroys every object with this CKA_ID; answers how many. */
export const destroyById = (p11: P11, s: Handle, id: Buffer): number => {
  let destroyed = 0
  for (;;) {
    const found = findObjects(p11, s, [{ type: pkcs11js.CKA_ID, value: id }])
    if (found.length === 0) return destroyed
    for (const h of found) {
      p11.C_DestroyObject(s, h)
      destroyed++
    }
  }
}
