import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// The one AES-256-GCM box under the root key: a random 96-bit IV, the caller's AAD bound in, the tag kept. The
// vault wraps key material with it (vault/wrap.ts), the access-key store seals secrets with it
// (access-keys/secret-box.ts); each names what its AAD binds.

export interface SealedBox { readonly iv: Buffer; readonly tag: Buffer; readonly ciphertext: Buffer }

export const seal = (rootKey: Buffer, plaintext: Buffer, aad: Buffer): SealedBox => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', rootKey, iv)
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { iv, tag: cipher.getAuthTag(), ciphertext }
}

/** undefined when the root key is wrong, the box was tampered with, or its AAD names another place. */
export const open = (rootKey: Buffer, box: SealedBox, aad: Buffer): Buffer | undefined => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', rootKey, box.iv)
    decipher.setAAD(aad)
    decipher.setAuthTag(box.tag)
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()])
  } catch {
    return undefined
  }
}
