import { createECDH, randomBytes, type KeyObject } from 'node:crypto'
import { bigintToBuffer, bufferToBigint, decodeSignature, encodeSignature } from './der.ts'

// ECDSA over a digest the caller already made (AsymmetricSign takes `Digest`, API reference §5.7). node:crypto
// (OpenSSL 3 through Node 20) always hashes its input for EC keys: `crypto.sign(null, digest, key)` hashes
// again, so the API's semantics cannot be had from it. Hence:
// - signing: the nonce point k·G is computed by OpenSSL (`createECDH(...).setPrivateKey(k)`, constant time);
//   only s = k⁻¹(e + r·d) mod n is done with BigInt, blinded by a random b (s = (k·b)⁻¹·(b·e + (b·r)·d)) so the
//   inversion never sees k itself. BigInt is not constant time: this is best effort, as is all JS EC code
//   (sm-crypto for SM2). Keys that need side-channel hardening belong to a hardware (PKCS#11) instance.
// - verifying handles only public values, in Jacobian coordinates; it passes Wycheproof's
//   ecdsa_secp256r1_sha256 and ecdsa_secp256k1_sha256 files (spec/adapters/crypto/software/ecdsa.spec.ts).

export interface Curve {
  readonly name: 'prime256v1' | 'secp256k1'
  readonly p: bigint
  readonly a: bigint
  readonly b: bigint
  readonly n: bigint
  readonly gx: bigint
  readonly gy: bigint
}

export const P256: Curve = {
  name: 'prime256v1',
  p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
  a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
  b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
}

export const SECP256K1: Curve = {
  name: 'secp256k1',
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn,
  a: 0n,
  b: 7n,
  n: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
  gx: 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
  gy: 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
}

const mod = (x: bigint, m: bigint): bigint => {
  const r = x % m
  return r < 0n ? r + m : r
}

/** Modular inverse by the extended Euclidean algorithm (m prime, x ≠ 0 mod m). */
export const invert = (x: bigint, m: bigint): bigint => {
  let [a, b, u, v] = [mod(x, m), m, 1n, 0n]
  while (a !== 0n) {
    const q = b / a
    ;[a, b] = [b - q * a, a]
    ;[u, v] = [v - q * u, u]
  }
  return mod(v, m)
}

type Jacobian = readonly [bigint, bigint, bigint] // Z = 0: the point at infinity

const double = (c: Curve, [x, y, z]: Jacobian): Jacobian => {
  if (z === 0n || y === 0n) return [0n, 1n, 0n]
  const p = c.p
  const yy = (y * y) % p
  const s = (4n * x * yy) % p
  const zz = (z * z) % p
  const m = mod(3n * x * x + c.a * zz * zz, p)
  const x3 = mod(m * m - 2n * s, p)
  return [x3, mod(m * (s - x3) - 8n * yy * yy, p), (2n * y * z) % p]
}

const add = (c: Curve, P: Jacobian, Q: Jacobian): Jacobian => {
  if (P[2] === 0n) return Q
  if (Q[2] === 0n) return P
  const p = c.p
  const [x1, y1, z1] = P
  const [x2, y2, z2] = Q
  const z1z1 = (z1 * z1) % p
  const z2z2 = (z2 * z2) % p
  const u1 = (x1 * z2z2) % p
  const u2 = (x2 * z1z1) % p
  const s1 = (y1 * z2 * z2z2) % p
  const s2 = (y2 * z1 * z1z1) % p
  if (u1 === u2) return s1 === s2 ? double(c, P) : [0n, 1n, 0n]
  const h = mod(u2 - u1, p)
  const r = mod(s2 - s1, p)
  const hh = (h * h) % p
  const hhh = (h * hh) % p
  const v = (u1 * hh) % p
  const x3 = mod(r * r - hhh - 2n * v, p)
  return [x3, mod(r * (v - x3) - s1 * hhh, p), (z1 * z2 * h) % p]
}

/** u1·G + u2·Q by Shamir's trick (public scalars only). */
const shamir = (c: Curve, u1: bigint, u2: bigint, Q: Jacobian): Jacobian => {
  const G: Jacobian = [c.gx, c.gy, 1n]
  const GQ = add(c, G, Q)
  let R: Jacobian = [0n, 1n, 0n]
  for (let i = BigInt(Math.max(u1.toString(2).length, u2.toString(2).length)) - 1n; i >= 0n; i--) {
    R = double(c, R)
    const b1 = (u1 >> i) & 1n
    const b2 = (u2 >> i) & 1n
    if (b1 && b2) R = add(c, R, GQ)
    else if (b1) R = add(c, R, G)
    else if (b2) R = add(c, R, Q)
  }
  return R
}

export const isOnCurve = (c: Curve, x: bigint, y: bigint): boolean =>
  x >= 0n && x < c.p && y >= 0n && y < c.p && mod(y * y - (x * x * x + c.a * x + c.b), c.p) === 0n

/** The digest as an integer: its leftmost bits, as many as n has (SEC 1 §4.1.3 step 5). */
const digestToInteger = (c: Curve, digest: Buffer): bigint => {
  const nBits = c.n.toString(2).length
  let e = bufferToBigint(digest)
  const extra = digest.length * 8 - nBits
  if (extra > 0) e >>= BigInt(extra)
  return e
}

export interface EcPublicPoint { readonly x: bigint; readonly y: bigint }

export const publicPointOf = (publicKey: KeyObject): EcPublicPoint => {
  const jwk = publicKey.export({ format: 'jwk' })
  return { x: bufferToBigint(Buffer.from(jwk.x!, 'base64url')), y: bufferToBigint(Buffer.from(jwk.y!, 'base64url')) }
}

export const privateScalarOf = (privateKey: KeyObject): bigint =>
  bufferToBigint(Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url'))

/** Verifies a DER signature over a digest; false for every malformed input. */
export const ecdsaVerifyDigest = (c: Curve, Q: EcPublicPoint, digest: Buffer, signature: Buffer): boolean => {
  const rs = decodeSignature(signature)
  if (!rs) return false
  const { r, s } = rs
  if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false
  if (!isOnCurve(c, Q.x, Q.y)) return false
  const w = invert(s, c.n)
  const e = digestToInteger(c, digest)
  const X = shamir(c, mod(e * w, c.n), mod(r * w, c.n), [Q.x, Q.y, 1n])
  if (X[2] === 0n) return false
  const zinv = invert(X[2], c.p)
  const x = (X[0] * zinv * zinv) % c.p
  return mod(x, c.n) === r
}

/** A scalar uniform in [1, n-1] (FIPS 186-4 B.5.1: 64 extra random bits, then reduce). */
const randomScalar = (n: bigint): bigint => mod(bufferToBigint(randomBytes(40)), n - 1n) + 1n

/** Signs a digest with private scalar d; returns the DER `ECDSA-Sig-Value`. */
export const ecdsaSignDigest = (c: Curve, d: bigint, digest: Buffer): Buffer => {
  const e = digestToInteger(c, digest)
  for (;;) {
    const k = randomScalar(c.n)
    const ecdh = createECDH(c.name)
    ecdh.setPrivateKey(bigintToBuffer(k, 32))
    const R = ecdh.getPublicKey() // 04 ‖ x ‖ y, computed by OpenSSL
    const r = mod(bufferToBigint(R.subarray(1, 33)), c.n)
    if (r === 0n) continue
    const b = randomScalar(c.n)
    const s = mod(invert(mod(k * b, c.n), c.n) * mod(b * e + mod(b * r, c.n) * d, c.n), c.n)
    if (s === 0n) continue
    return encodeSignature(r, s)
  }
}
