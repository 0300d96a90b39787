import { createECDH, createHmac, randomBytes, type KeyObject } from 'node:crypto'
import { p256 } from '@noble/curves/nist.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { invert } from '@noble/curves/abstract/modular.js'
import { bigintToBuffer, bufferToBigint, encodeSignature } from './der.ts'

// ECDSA over a digest the caller already made (AsymmetricSign takes `Digest`, API reference §5.7). node:crypto
// (OpenSSL 3 through Node 20) always hashes its input for EC keys (`crypto.sign(null, digest, key)` hashes
// again), so it cannot sign a digest directly.
// - Signing: k·G in OpenSSL through node:crypto's ECDH (see ecdsaSignDigest), the rest (one blinded inversion,
//   two products mod n) with BigInt; nonces hedged with fresh randomness, so a fault or a bad RNG alone cannot
//   leak the key; low-S output, which every verifier accepts (OpenSSL, node, Bitcoin libraries). Pure-JS
//   signing with @noble/curves measured 0.03-0.05 of node:crypto's sign on P-256 here; this, 0.34-0.5.
// - Verifying (@noble/curves, `prehash: false` takes the given bytes as the SEC 1 "e"): high-S signatures are accepted too (`lowS: false`): OpenSSL and other KMSs make them, and
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

/** The group orders (SEC 2 §2.4.1, §2.4.2 / FIPS 186-4 D.1.2.3). */
const ORDER: Record<EcCurveName, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp256k1: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
}

const ECDH: Partial<Record<EcCurveName, ReturnType<typeof createECDH>>> = {}

const mod = (a: bigint, n: bigint): bigint => ((a % n) + n) % n

/** A scalar in [1, n−1] from 48 bytes (FIPS 186-4 B.5.1: 128 extra bits make the bias negligible). */
const scalarFrom = (bytes: Buffer, n: bigint): bigint => mod(bufferToBigint(bytes), n - 1n) + 1n

/**
 * Signs a digest; returns the DER `ECDSA-Sig-Value` (low-S). The scalar multiplication k·G, the costly part, runs
 * in OpenSSL through node:crypto's ECDH (`setPrivateKey` computes the public point k·G, constant-time for these
 * curves), which is ~5x faster than pure JS; node:crypto has no sign-a-digest call for EC keys. The nonce k is
 * hedged: HMAC-SHA-256 keyed by the private scalar over fresh randomness and the digest (48 bytes, reduced), so a
 * bad RNG alone cannot repeat k across messages. k⁻¹ is computed blinded (k·b)⁻¹·b with a random b, so the
 * inversion's timing says nothing about k. Checked against noble's verifier and node:crypto's in the specs.
 */
export const ecdsaSignDigest = (key: EcdsaKeyPair, digest: Buffer): Buffer => {
  const n = ORDER[key.curve]
  const d = bufferToBigint(Buffer.from(key.secretKey))
  const z = bufferToBigint(digest)
  const ecdh = (ECDH[key.curve] ??= createECDH(key.curve)) // synchronous use only: one per curve is enough
  for (;;) {
    const entropy = randomBytes(32)
    const mac = (label: number) => createHmac('sha256', key.secretKey).update(Buffer.from([label])).update(entropy).update(digest).digest()
    const k = scalarFrom(Buffer.concat([mac(1), mac(2)]).subarray(0, 48), n)
    ecdh.setPrivateKey(bigintToBuffer(k, 32))
    const point = ecdh.getPublicKey()
    const r = mod(bufferToBigint(point.subarray(1, 33)), n)
    if (r === 0n) continue
    const b = scalarFrom(randomBytes(48), n)
    const kInv = mod(invert(mod(k * b, n), n) * b, n)
    let s = mod(kInv * mod(z + r * d, n), n)
    if (s === 0n) continue
    if (s > n >> 1n) s = n - s
    return encodeSignature(r, s)
  }
}

/** Verifies a DER signature over a digest; false for every malformed input (signature, key or digest). */
export const ecdsaVerifyDigest = (curve: EcCurveName, publicKey: Uint8Array, digest: Buffer, signature: Buffer): boolean => {
  try {
    return CURVES[curve].verify(signature, digest, publicKey, { prehash: false, lowS: false, format: 'der' })
  } catch {
    return false
  }
}
