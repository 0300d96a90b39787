import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import type { SealedData } from '../../../domain/ports/crypto-executor.ts'
import { IvPool } from './iv-pool.ts'

// The two symmetric AEADs of the software executor. Both take a 12-byte random IV and give a 16-byte tag, so
// the ciphertext blob has one layout (adapters/crypto/blob.ts). Decryption answers undefined for every failure
// (wrong key, tag, AAD or IV size) and never throws: the executor turns that into `InvalidCiphertext`.

export const IV_BYTES = 12
export const TAG_BYTES = 16
const ivs = new IvPool(IV_BYTES)

/** Aliyun_AES_256/192/128: AES-GCM (NIST SP 800-38D) with a 96-bit random IV and a 128-bit tag. */
export const aesGcmSeal = (key: Buffer, plaintext: Buffer, aad: Buffer): SealedData => {
  const iv = ivs.next()
  const cipher = createCipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { iv, ciphertext, tag: cipher.getAuthTag() }
}

/** Any IV length GCM defines (≥ 1 byte) is accepted here; the blob format itself only carries 12-byte IVs. */
export const aesGcmOpen = (key: Buffer, sealed: SealedData, aad: Buffer): Buffer | undefined => {
  if (sealed.tag.length !== TAG_BYTES || sealed.iv.length === 0 || ![16, 24, 32].includes(key.length)) return undefined
  try {
    const decipher = createDecipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(aad)
    decipher.setAuthTag(sealed.tag)
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()])
  } catch {
    return undefined
  }
}

/**
 * Aliyun_SM4. OpenSSL 3.0 (Node 20) has no SM4-GCM or SM4-CCM (platform notes §2), so SM4 is made an AEAD by
 * encrypt-then-MAC, with GM primitives only:
 *   encKey = HKDF-SM3(material, salt = "", info = "keyledger/sm4-ctr/v1", 16 bytes)
 *   macKey = HKDF-SM3(material, salt = "", info = "keyledger/hmac-sm3/v1", 32 bytes)
 *   C      = SM4-CTR(encKey, counter block = IV(12) ‖ 00000001, P)
 *   tag    = HMAC-SM3(macKey, u64be(|AAD|) ‖ AAD ‖ IV ‖ C), truncated to its first 16 bytes
 * The length prefix makes the AAD/IV/C split unambiguous; the MAC covers the IV so counter blocks cannot be
 * swapped; the tag is checked in constant time before any decryption. A 32-bit block counter per message
 * limits one message to 64 GiB, far above Encrypt's 6 KB. This is not SM4-GCM, so SM4-GCM vectors cannot check
 * it: its parts are checked instead (SM4 block KATs, SM4-CTR against the keystream of Wycheproof's SM4-GCM
 * vectors, HMAC-SM3 against Wycheproof's hmac_sm3_test.json).
 */
export const sm4Keys = (material: Buffer): { encKey: Buffer; macKey: Buffer } => ({
  encKey: Buffer.from(hkdfSync('sm3', material, Buffer.alloc(0), 'keyledger/sm4-ctr/v1', 16)),
  macKey: Buffer.from(hkdfSync('sm3', material, Buffer.alloc(0), 'keyledger/hmac-sm3/v1', 32)),
})

const counterBlock = (iv: Buffer): Buffer => Buffer.concat([iv, Buffer.from([0, 0, 0, 1])])

const sm4Tag = (macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer => {
  const len = Buffer.alloc(8)
  len.writeBigUInt64BE(BigInt(aad.length))
  return createHmac('sm3', macKey).update(len).update(aad).update(iv).update(ciphertext).digest().subarray(0, TAG_BYTES)
}

export const sm4Seal = (keys: { encKey: Buffer; macKey: Buffer }, plaintext: Buffer, aad: Buffer): SealedData => {
  const iv = ivs.next()
  const cipher = createCipheriv('sm4-ctr', keys.encKey, counterBlock(iv))
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { iv, ciphertext, tag: sm4Tag(keys.macKey, aad, iv, ciphertext) }
}

export const sm4Open = (keys: { encKey: Buffer; macKey: Buffer }, sealed: SealedData, aad: Buffer): Buffer | undefined => {
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) return undefined
  if (!timingSafeEqual(sm4Tag(keys.macKey, aad, sealed.iv, sealed.ciphertext), sealed.tag)) return undefined
  const decipher = createDecipheriv('sm4-ctr', keys.encKey, counterBlock(sealed.iv))
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()])
}
