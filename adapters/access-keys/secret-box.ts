import { open, seal } from '../sealed-box.ts'

// An access key's secret cannot be hashed: the server recomputes HMAC signatures with it. So it is kept
// encrypted, AES-256-GCM under the root key (adapters/root-key.ts). The AAD binds the ciphertext to the access key
// id, the principal it acts as AND its status: a row whose principal was edited in the file (say, a RAM user's
// key turned into the root's) or whose status was flipped back to Active no longer decrypts, so write access to
// the file alone cannot raise a key's privileges or re-enable it. The account is not stored apart: it is the
// principal's. (Restoring a whole older row, sealed while the key was Active, is a rollback of the file: keep
// the data dir's backups as private as the root key.)

export interface SealedSecret {
  readonly iv: Buffer
  readonly ciphertext: Buffer
  readonly tag: Buffer
}

const AAD_LABEL_V1 = 'keyledger/access-key-secret/v1'
const AAD_LABEL = 'keyledger/access-key-secret/v2'

export const secretAad = (accessKeyId: string, principal: string, status: string): Buffer =>
  Buffer.from(`${AAD_LABEL}\u0000${accessKeyId}\u0000${principal}\u0000${status}`, 'utf8')

/** Rows sealed before the status was bound: read once at open to be sealed again under `secretAad`. */
export const legacySecretAad = (accessKeyId: string, principal: string): Buffer =>
  Buffer.from(`${AAD_LABEL_V1}\u0000${accessKeyId}\u0000${principal}`, 'utf8')

export const sealSecret = (rootKey: Buffer, aad: Buffer, secret: string): SealedSecret => seal(rootKey, Buffer.from(secret, 'utf8'), aad)

/** undefined when the tag does not verify: another root key, or the row was altered. */
export const openSecret = (rootKey: Buffer, aad: Buffer, s: SealedSecret): string | undefined => open(rootKey, s, aad)?.toString('utf8')
