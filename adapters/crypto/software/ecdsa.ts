import type { KeyObject } from 'node:crypto'
import { p256 } from '@noble/curves/nist.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'

// ECDSA over a digest the caller already made (AsymmetricSign takes `Digest`, API reference §5.7). node:crypto
// (OpenSSL 3 through Node 20) always hashes its input for EC keys (`crypto.sign(null, digest, key)` hashes
// again), so the digest-level operation comes from @noble/curves (audited, constant-time scalar multiplication,
// `prehash: false` signs the given bytes as the SEC 1 "e").
// - Signing: RFC 6979 nonces hedged with fresh randomness (`extraEntropy: true`), so a fault or a bad RNG alone
//   cannot leak the key; low-S output, which every verifier accepts (OpenSSL, node, Bitcoin libraries).
// - Verifying: high-S signatures are accepted too (`lowS: false`): OpenSSL and other KMSs make them, and
//   ECDSA itself does not forbid them. DER only, strictly parsed (Wycheproof's BER and padding cases fail);
//   passes Wycheproof's ecdsa_secp256r1_sha256 and ecdsa_secp256k1_sha256 files (spec/.../ecdsa.spec.ts).
// Material stays PKCS#8 DER in the vault; the private scalar is taken from it when the version is loaded.

export type EcCurveName = 'prime256v1' | 'secp256k1'

const CURVES = { prime256v1: p256, secp256k1 } as const

export interface EcdsaKeyPair {
  readonly curve: EcCurveName
  /** The private scalar d, 32 bytes big-endian. */
  readonly secretKey: Uint8Array
  /** The public point, SEC 1 uncompressed (0x04 ‖ x ‖ y). */
  readonly publicKey: Uint8Array
}

const jwkBytes = (b64url: string | undefined): Buffer => Buffer.from(b64url ?? '', 'base64url')

/** SEC 1 uncompressed point of a node EC public (or private) key. */
export const publicKeyBytesOf = (key: KeyObject): Uint8Array => {
  const jwk = key.export({ format: 'jwk' })
  return Buffer.concat([Buffer.from([0x04]), jwkBytes(jwk.x), jwkBytes(jwk.y)])
}

/** The pair noble needs, from a node private key parsed from the vault's PKCS#8. */
export const ecdsaKeyPairOf = (curve: EcCurveName, privateKey: KeyObject): EcdsaKeyPair => {
  const jwk = privateKey.export({ format: 'jwk' })
  const d = jwkBytes(jwk.d)
  // JWK gives d at the curve's full length (RFC 7518 §6.2.2.1); pad defensively all the same.
  const secretKey = d.length === 32 ? d : Buffer.concat([Buffer.alloc(Math.max(0, 32 - d.length)), d]).subarray(-32)
  return { curve, secretKey, publicKey: publicKeyBytesOf(privateKey) }
}

/** Signs a digest; returns the DER `ECDSA-Sig-Value`. */
export const ecdsaSignDigest = (key: EcdsaKeyPair, digest: Buffer): Buffer =>
  Buffer.from(CURVES[key.curve].sign(digest, key.secretKey, { prehash: false, lowS: true, format: 'der', extraEntropy: true }))

/** Verifies a DER signature over a digest; false for every malformed input (signature, key or digest). */
export const ecdsaVerifyDigest = (curve: EcCurveName, publicKey: Uint8Array, digest: Buffer, signature: Buffer): boolean => {
  try {
    return CURVES[curve].verify(signature, digest, publicKey, { prehash: false, lowS: false, format: 'der' })
  } catch {
    return false
  }
}
