import { constants, createECDH, createHmac, createPublicKey, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto'
import { p256 } from '@noble/curves/nist.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { bigintToBuffer, bufferToBigint, encodeSignature } from './der.ts'

// ECDSA over a digest the caller already made (AsymmetricSign takes `Digest`, API reference §5.7). node:crypto
// (OpenSSL 3 through Node 20) always hashes its input for EC keys (`crypto.sign(null, digest, key)` hashes
// again), so it cannot sign a digest directly.
// (Checked on Node 20.20 / OpenSSL 3.0: `sign(null, digest, ecKey)` gives a signature that verifies as
//   SHA-256(digest), not as the message's; `privateEncrypt` refuses EC keys.)
// - Signing: k·G in OpenSSL through node:crypto's ECDH (see ecdsaSignDigest), the blinded inversion of k in
//   OpenSSL too (a modular exponentiation, see invertModOrder), the two products mod n with BigInt; nonces
//   hedged with fresh randomness, so a fault or a bad RNG alone cannot leak the key; low-S output, which every
//   verifier accepts (OpenSSL, node, Bitcoin libraries). Pure-JS signing with @noble/curves measured 0.03-0.05
//   of node:crypto's sign on P-256 here; k·G in OpenSSL and the inversion in JS, 0.34-0.5 (the inversion was a
//   third of the time); both in OpenSSL: `npm run bench -- crypto` ("ECDSA P-256 sign a digest").
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

/**
 * n as the modulus of an RSA public key whose exponent is n − 2: OpenSSL's public operation then computes
 * a^(n−2) mod n, which is a⁻¹ mod n since n is prime (Fermat). OpenSSL's modular exponentiation is some 3× faster
 * than a BigInt extended Euclid here, and the caller blinds `a`, so the (public-exponent, not constant-time)
 * exponentiation's timing says nothing about k. OpenSSL checks only e < n and, for moduli under 3072 bits,
 * allows an exponent this large (rsa_ossl_public_encrypt).
 */
const INVERTERS: Partial<Record<EcCurveName, KeyObject>> = {}
const inverter = (curve: EcCurveName): KeyObject =>
  (INVERTERS[curve] ??= createPublicKey({
    format: 'jwk',
    key: { kty: 'RSA', n: bigintToBuffer(ORDER[curve], 32).toString('base64url'), e: bigintToBuffer(ORDER[curve] - 2n, 32).toString('base64url') },
  }))

/** a⁻¹ mod n for a in [1, n−1] (the curve's order n). */
export const invertModOrder = (curve: EcCurveName, a: bigint): bigint =>
  bufferToBigint(publicEncrypt({ key: inverter(curve), padding: constants.RSA_NO_PADDING }, bigintToBuffer(a, 32)))

/** A scalar in [1, n−1] from 48 bytes (FIPS 186-4 B.5.1: 128 extra bits make the bias negligible). */
const scalarFrom = (bytes: Buffer, n: bigint): bigint => mod(bufferToBigint(bytes), n - 1n) + 1n

/**
 * Signs a digest; returns the DER `ECDSA-Sig-Value` (low-S). The scalar multiplication k·G, the costly part, runs
 * in OpenSSL through node:crypto's ECDH (`setPrivateKey` computes the public point k·G, constant-time for these
 * curves), which is ~5x faster than pure JS; node:crypto has no sign-a-digest call for EC keys. The nonce k is
 * hedged: HMAC-SHA-512 keyed by the private scalar over fresh randomness and the digest (48 of its bytes,
 * reduced), so a bad RNG alone cannot repeat k across messages. k⁻¹ is computed blinded (k·b)⁻¹·b with a random
 * b, so the inversion's timing says nothing about k. Checked against noble's verifier and node:crypto's in the specs.
 */
export const ecdsaSignDigest = (key: EcdsaKeyPair, digest: Buffer): Buffer => {
  const n = ORDER[key.curve]
  const d = bufferToBigint(Buffer.from(key.secretKey))
  const z = bufferToBigint(digest)
  const ecdh = (ECDH[key.curve] ??= createECDH(key.curve)) // synchronous use only: one per curve is enough
  for (;;) {
    const fresh = randomBytes(32 + 48) // the nonce's entropy, then the blinding factor's
    const k = scalarFrom(createHmac('sha512', key.secretKey).update(fresh.subarray(0, 32)).update(digest).digest().subarray(0, 48), n)
    ecdh.setPrivateKey(bigintToBuffer(k, 32))
    const point = ecdh.getPublicKey()
    const r = mod(bufferToBigint(point.subarray(1, 33)), n)
    if (r === 0n) continue
    const b = scalarFrom(fresh.subarray(32), n)
    const kInv = (invertModOrder(key.curve, (k * b) % n) * b) % n
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
