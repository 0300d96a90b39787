import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// An access key's secret cannot be hashed: the server recomputes HMAC signatures with it. So it is kept
// encrypted, AES-256-GCM under the root key (adapters/root-key.ts). The AAD binds the ciphertext to the access key
// id AND to the principal it acts as: a row whose principal was edited in the file (say, a RAM user's key turned
// into the root's) no longer decrypts, so write access to the file alone cannot raise a key's privileges.

export interface SealedSecret {
  readonly iv: Buffer
  readonly ciphertext: Buffer
  readonly tag: Buffer
}

const AAD_LABEL = 'keyledger/access-key-secret/v1'

export const secretAad = (accessKeyId: string, principal: string): Buffer =>
  Buffer.from(`${AAD_LABEL}\u0000${accessKeyId}\u0000${principal}`, 'utf8')

export const sealSecret = (rootKey: Buffer, aad: Buffer, secret: string): SealedSecret => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', rootKey, iv)
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return { iv, ciphertext, tag: cipher.getAuthTag() }
}

/** undefined when the tag does not verify: another root key, or the row was altered. */
export const openSecret = (rootKey: Buffer, aad: Buffer, s: SealedSecret): string | undefined => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', rootKey, s.iv)
    decipher.setAAD(aad)
    decipher.setAuthTag(s.tag)
    return Buffer.concat([decipher.update(s.ciphertext), decipher.final()]).toString('utf8')
  } catch {
    return undefined
  }
}
