import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../../domain/errors.ts'
import { invalidKeyMaterial } from '../../../domain/crypto-errors.ts'
import type { KeySpec } from '../../../domain/values/key-spec.ts'
import { ecdsaKeyPairOf, type EcCurveName, type EcdsaKeyPair } from './ecdsa.ts'
import { sm2KeysFromPkcs8, type Sm2Keys } from './sm2.ts'
import { sm4Keys } from './symmetric.ts'
import type { MaterialKind } from '../../../domain/ports/key-vault.ts'

// A version's material, parsed once and kept (parsing a key per call is ~15× slower, platform notes §5).

export type LoadedMaterial =
  | { readonly type: 'aes'; readonly key: Buffer }
  | { readonly type: 'sm4'; readonly keys: { encKey: Buffer; macKey: Buffer } }
  | { readonly type: 'rsa'; readonly privateKey: KeyObject; readonly publicKey: KeyObject }
  | { readonly type: 'ec'; readonly ecdsa: EcdsaKeyPair; readonly publicKey: KeyObject }
  | { readonly type: 'sm2'; readonly keys: Sm2Keys }
  | { readonly type: 'hmac'; readonly hash: 'sha256' | 'sm3'; readonly key: Buffer }

const SYMMETRIC_BYTES: Partial<Record<KeySpec, number>> = { Aliyun_AES_256: 32, Aliyun_AES_192: 24, Aliyun_AES_128: 16, Aliyun_SM4: 16, HMAC_SHA256: 32, HMAC_SM3: 32 }
const RSA_BITS: Partial<Record<KeySpec, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 }
const EC_CURVES: Partial<Record<KeySpec, EcCurveName>> = { EC_P256: 'prime256v1', EC_P256K: 'secp256k1' }

export const symmetricKeyBytes = (spec: KeySpec): number | undefined => SYMMETRIC_BYTES[spec]

/**
 * Keys are generated straight into DER. Never export a KeyObject that `generateKeyPair(Sync)` returned: on
 * Node 20 its export holds the key's mutex while allocating, and a garbage collection that then frees the
 * generation job locks the same mutex: the process deadlocks (seen here, stack in KeyGenJob::~KeyGenJob).
 */
export const generateRsaDer = (modulusLength: number): Promise<{ publicKey: Buffer; privateKey: Buffer }> =>
  new Promise((resolve, reject) =>
    generateKeyPair('rsa', {
      modulusLength, publicExponent: 0x10001,
      publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }))))

const generateEcDer = (namedCurve: string): Buffer =>
  generateKeyPairSync('ec', {
    namedCurve, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  }).privateKey

/** Fresh material for a spec, as the vault stores it. */
export const generateMaterial = async (spec: KeySpec): Promise<{ kind: MaterialKind; material: Buffer }> => {
  const bytes = SYMMETRIC_BYTES[spec]
  if (bytes !== undefined) return { kind: 'raw', material: randomBytes(bytes) }
  const bits = RSA_BITS[spec]
  if (bits !== undefined) {
    return { kind: 'pkcs8', material: (await generateRsaDer(bits)).privateKey }
  }
  const namedCurve = spec === 'EC_SM2' ? 'SM2' : EC_CURVES[spec]!
  // For SM2 this is OpenSSL's generator (a CSPRNG); signing and encryption are adapters/crypto/software/sm2.ts.
  return { kind: 'pkcs8', material: generateEcDer(namedCurve) }
}

/** Parses stored or imported material and checks it fits the spec. */
export const loadMaterial = (spec: KeySpec, kind: MaterialKind, material: Buffer): E.Either<KmsError, LoadedMaterial> => {
  const bytes = SYMMETRIC_BYTES[spec]
  if (bytes !== undefined) {
    if (kind !== 'raw' || material.length !== bytes) return E.left(invalidKeyMaterial(`${spec} takes ${bytes * 8}-bit key material.`))
    if (spec === 'HMAC_SHA256' || spec === 'HMAC_SM3') return E.right({ type: 'hmac', hash: spec === 'HMAC_SM3' ? 'sm3' : 'sha256', key: Buffer.from(material) })
    return E.right(spec === 'Aliyun_SM4' ? { type: 'sm4', keys: sm4Keys(material) } : { type: 'aes', key: Buffer.from(material) })
  }
  if (kind !== 'pkcs8') return E.left(invalidKeyMaterial(`${spec} takes a PKCS#8 private key.`))
  if (spec === 'EC_SM2') {
    const keys = sm2KeysFromPkcs8(material)
    return keys ? E.right({ type: 'sm2', keys }) : E.left(invalidKeyMaterial('EC_SM2 takes a PKCS#8 SM2 private key.'))
  }
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey({ key: material, format: 'der', type: 'pkcs8' })
  } catch {
    return E.left(invalidKeyMaterial(`${spec} takes a PKCS#8 private key.`))
  }
  const publicKey = createPublicKey(privateKey)
  const details = privateKey.asymmetricKeyDetails
  const bits = RSA_BITS[spec]
  if (bits !== undefined) {
    if (privateKey.asymmetricKeyType !== 'rsa' || details?.modulusLength !== bits) return E.left(invalidKeyMaterial(`${spec} takes a ${bits}-bit RSA key.`))
    return E.right({ type: 'rsa', privateKey, publicKey })
  }
  const curve = EC_CURVES[spec]!
  if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== curve) return E.left(invalidKeyMaterial(`${spec} takes a ${curve} key.`))
  return E.right({ type: 'ec', ecdsa: ecdsaKeyPairOf(curve, privateKey), publicKey })
}
