import smCrypto from 'sm-crypto'
import { bigintToBuffer, derInteger, derOctetString, derSequence, parseSequence, parseUnsignedInteger, readTlv } from './der.ts'

const { sm2 } = smCrypto

// SM2 through sm-crypto ≥0.5 (node:crypto on Node 20 can neither make a real SM2 signature with the standard
// signer id nor SM2-encrypt: platform notes §2).
// - SM2DSA: the API's Digest is already e = SM3(Z‖M) with Z over the GM/T 0009 default signer id
//   `1234567812345678` (API reference §5.7), so sm-crypto signs e as given (`hash: false`); signatures are DER.
// - SM2PKE: ciphertexts are the GB/T 35276 / GM/T 0009 ASN.1 DER form of C1C3C2:
//   SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3 (SM3, 32 bytes), OCTET STRING C2 }. Alibaba does not
//   document its byte layout; DER C1C3C2 is the national standard and what other Chinese cloud KMSs take.

export const SM2_SIGNER_ID = '1234567812345678'
export const SM2_MAX_PLAINTEXT = 6047 // API reference §5.7

/** SubjectPublicKeyInfo prefix for id-ecPublicKey on the SM2 curve (1.2.156.10197.1.301), before 04‖x‖y. */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex')

export interface Sm2Keys { readonly privateKeyHex: string; readonly publicKeyHex: string }

export const sm2PublicKeyDer = (publicKeyHex: string): Buffer => Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')])

export const sm2PublicKeyPem = (publicKeyHex: string): string =>
  `-----BEGIN PUBLIC KEY-----\n${sm2PublicKeyDer(publicKeyHex).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`

/** The 04‖x‖y point of an SM2 SubjectPublicKeyInfo, or undefined when it is not one. */
export const sm2PointFromSpki = (spki: Buffer): string | undefined =>
  spki.length === SM2_SPKI_PREFIX.length + 65 && spki.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX)
    ? spki.subarray(SM2_SPKI_PREFIX.length).toString('hex')
    : undefined

/**
 * The private scalar and public point from a PKCS#8 DER SM2 key (RFC 5915 ECPrivateKey inside). Parsed by
 * hand: Node 20 aborts the process when asked to export a re-imported SM2 key as SEC1 (seen on this machine).
 */
export const sm2KeysFromPkcs8 = (pkcs8: Buffer): Sm2Keys | undefined => {
  const info = parseSequence(pkcs8)
  const inner = info?.[2]
  if (!inner || inner.tag !== 0x04) return undefined
  const ec = parseSequence(inner.value)
  const d = ec?.[1]
  if (!d || d.tag !== 0x04 || d.value.length !== 32) return undefined
  const privateKeyHex = d.value.toString('hex')
  let publicKeyHex: string | undefined
  for (const item of ec.slice(2)) {
    if (item.tag === 0xa1) {
      const bits = readTlv(item.value, 0)
      if (bits && bits.tag === 0x03 && bits.value.length === 66) publicKeyHex = bits.value.subarray(1).toString('hex')
    }
  }
  return { privateKeyHex, publicKeyHex: publicKeyHex ?? sm2.getPublicKeyFromPrivateKey(privateKeyHex) }
}

export const sm2SignDigest = (keys: Sm2Keys, digest: Buffer): Buffer =>
  Buffer.from(sm2.doSignature(digest, keys.privateKeyHex, { der: true, hash: false }), 'hex')

export const sm2VerifyDigest = (publicKeyHex: string, digest: Buffer, signature: Buffer): boolean => {
  try {
    return sm2.doVerifySignature(digest, signature.toString('hex'), publicKeyHex, { der: true, hash: false })
  } catch {
    return false
  }
}

/** The SM2 Z value's message digest, SM3(Z‖M), as a caller computes the AsymmetricSign digest. */
export const sm2MessageDigest = (publicKeyHex: string, message: Buffer): Buffer =>
  Buffer.from(smCrypto.sm3(Buffer.concat([sm2Z(publicKeyHex), message])), 'hex')

const sm2Z = (publicKeyHex: string): Buffer => {
  const a = 'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc'
  const b = '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93'
  const gx = '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7'
  const gy = 'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'
  const id = Buffer.from(SM2_SIGNER_ID)
  const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff])
  return Buffer.from(smCrypto.sm3(Buffer.concat([entl, id, Buffer.from(a + b + gx + gy + publicKeyHex.slice(2), 'hex')])), 'hex')
}

export const sm2Encrypt = (publicKeyHex: string, plaintext: Buffer): Buffer => {
  const hex = sm2.doEncrypt(plaintext, publicKeyHex, 1) // C1 (x‖y, no 04) ‖ C3 ‖ C2
  const raw = Buffer.from(hex, 'hex')
  return derSequence(
    derInteger(BigInt('0x' + raw.subarray(0, 32).toString('hex'))),
    derInteger(BigInt('0x' + raw.subarray(32, 64).toString('hex'))),
    derOctetString(raw.subarray(64, 96)),
    derOctetString(raw.subarray(96))
  )
}

/** undefined for any malformed or forged ciphertext. */
export const sm2Decrypt = (keys: Sm2Keys, ciphertext: Buffer): Buffer | undefined => {
  const items = parseSequence(ciphertext)
  if (!items || items.length !== 4) return undefined
  const x = parseUnsignedInteger(items[0])
  const y = parseUnsignedInteger(items[1])
  const c3 = items[2]!
  const c2 = items[3]!
  if (x === undefined || y === undefined || c3.tag !== 0x04 || c3.value.length !== 32 || c2.tag !== 0x04 || c2.value.length === 0) return undefined
  const hex = bigintToBuffer(x, 32).toString('hex') + bigintToBuffer(y, 32).toString('hex') + c3.value.toString('hex') + c2.value.toString('hex')
  if (hex.length !== 128 + 64 + c2.value.length * 2) return undefined
  try {
    const out = sm2.doDecrypt(hex, keys.privateKeyHex, 1, { output: 'array' })
    return out.length === c2.value.length ? Buffer.from(out) : undefined
  } catch {
    return undefined
  }
}
