import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter } from '../../domain/errors.ts'
import { invalidCiphertext } from '../../domain/crypto-errors.ts'
import type { KeyState } from '../../domain/key/index.ts'
import type { CiphertextBlob, CiphertextBlobFormat } from '../../domain/ports/ciphertext-blob.ts'
import { canonicalEncryptionContext } from '../../domain/values/encryption-context.ts'
import { requireSymmetric } from './algorithms.ts'
import type { AuditTrail } from '../crypto-service.ts'
import type { KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import { refOf, type CryptoCall, type Ctx, type KeyVersionAnswer, type Result } from './call.ts'
import type { KeyOpener } from '../access/key-access.ts'

export const MAX_ENCRYPT_PLAINTEXT_BYTES = 6144 // API reference §5.8: Encrypt takes at most 6 KB

/** The request a seal or unseal serves: an external key manager is told who asks and for what (docs/external-keys.md). */
export interface CallOn { readonly call: CryptoCall; readonly action: string }

const externalKeyOf = (s: KeyState): string | undefined => (s.kind === 'external' && s.externalKeyId !== null ? s.externalKeyId : undefined)

/** The ref an executor gets: for an external key, with its external key id and the request's metadata. */
const externalRef = (ref: KeyVersionRef, s: KeyState, externalKeyId: string | undefined, on: CallOn): KeyVersionRef =>
  externalKeyId === undefined ? ref : {
    ...ref, externalKeyId,
    request: {
      principalArn: on.call.ctx.principal, operation: on.action, requestId: on.call.ctx.requestId, keyArn: s.arn,
      ...(on.call.caller?.service !== undefined ? { viaService: on.call.caller.service } : {}),
    },
  }

export type Sealed = KeyVersionAnswer & { ciphertextBlob: string }
export type Opened = KeyVersionAnswer & { plaintext: Buffer }

/** Encrypt, Decrypt, ReEncrypt (API reference §5.8) over ciphertext blobs; `seal`/`unseal` also serve data keys. */
export class SymmetricCrypto {
  constructor(private readonly opener: KeyOpener, private readonly blobs: CiphertextBlobFormat) {}

  async encrypt(call: CryptoCall, trail: AuditTrail, input: { keyId: string; plaintext: Buffer; encryptionContext?: Ctx }): Result<Sealed> {
    const key = await this.opener.openKey(call, input.keyId, 'Encrypt', trail)
    if (E.isLeft(key)) return key
    if (input.plaintext.length > MAX_ENCRYPT_PLAINTEXT_BYTES)
      return E.left(invalidParameter('Plaintext', `Encrypt takes at most ${MAX_ENCRYPT_PLAINTEXT_BYTES} bytes; use a data key for more.`))
    return this.seal(key.right.state, key.right.setVersion, input.plaintext, input.encryptionContext, { call, action: 'Encrypt' })
  }

  async decrypt(call: CryptoCall, trail: AuditTrail, input: { ciphertextBlob: string; encryptionContext?: Ctx }): Result<Opened> {
    const source = await this.opener.openBlob(call, input.ciphertextBlob, 'Decrypt', trail)
    return E.isLeft(source) ? source : this.unseal(source.right, input.encryptionContext, { call, action: 'Decrypt' })
  }

  /**
   * Source and destination are each authorized and recorded: kms:ReEncryptFrom on the key inside the ciphertext,
   * kms:ReEncryptTo on the destination (API reference §5.8). Both are decided before the source is opened, so a
   * refused destination never has the plaintext decrypted for nothing.
   */
  async reEncrypt(call: CryptoCall, trail: AuditTrail, input: {
    ciphertextBlob: string; sourceEncryptionContext?: Ctx; destinationKeyId: string; destinationEncryptionContext?: Ctx
  }): Result<Sealed & { sourceKeyId: string; sourceKeyVersionId: string }> {
    const source = await this.opener.openBlob(call, input.ciphertextBlob, 'ReEncrypt', trail, 'kms:ReEncryptFrom')
    if (E.isLeft(source)) return source
    const dest = await this.opener.openKey(call, input.destinationKeyId, 'ReEncrypt', trail, 'kms:ReEncryptTo')
    if (E.isLeft(dest)) return dest
    const opened = await this.unseal(source.right, input.sourceEncryptionContext, { call, action: 'ReEncrypt' })
    if (E.isLeft(opened)) return opened
    const plaintext = opened.right.plaintext
    try {
      const sealed = await this.seal(dest.right.state, dest.right.setVersion, plaintext, input.destinationEncryptionContext, { call, action: 'ReEncrypt' })
      return E.map((s: Sealed) => ({ ...s, sourceKeyId: opened.right.keyId, sourceKeyVersionId: opened.right.keyVersionId }))(sealed)
    } finally {
      plaintext.fill(0)
    }
  }

  /** Encrypts under the key's primary version into a ciphertext blob (format 2 for external keys, recording which). */
  async seal(s: KeyState, setVersion: (v: string) => void, plaintext: Buffer, context: Ctx, on: CallOn): Result<Sealed> {
    const sym = requireSymmetric(s)
    if (E.isLeft(sym)) return sym
    const versionId = s.primaryVersionId!
    setVersion(versionId)
    const external = externalKeyOf(s)
    const ref = externalRef(refOf(s, versionId), s, external, on)
    const aad = this.blobs.aad(s.keyId, versionId, canonicalEncryptionContext(context ?? {}), external)
    const sealed = await this.opener.withExecutor(ref, (x) => x.encrypt(ref, plaintext, aad))
    if (E.isLeft(sealed)) return sealed
    const blob = { keyId: s.keyId, versionId, ...(external !== undefined ? { externalKeyId: external } : {}), sealed: sealed.right }
    return E.right({ keyId: s.keyId, keyVersionId: versionId, ciphertextBlob: this.blobs.encode(blob) })
  }

  /** Decrypts a ciphertext blob with the version that made it (works after rotation, API reference §5.4). */
  async unseal(source: { state: KeyState; blob: CiphertextBlob }, context: Ctx, on: CallOn): Result<Opened> {
    const { state: s, blob: { keyId, versionId, externalKeyId, sealed } } = source
    const sym = requireSymmetric(s)
    if (E.isLeft(sym)) return sym
    if (!s.versions.some((v) => v.versionId === versionId)) return E.left(invalidCiphertext())
    // S-1.4: an external key's blob names the external key that sealed it; any other blob is not this key's.
    if (externalKeyId !== externalKeyOf(s)) return E.left(invalidCiphertext())
    const ref = externalRef(refOf(s, versionId), s, externalKeyId, on)
    const aad = this.blobs.aad(keyId, versionId, canonicalEncryptionContext(context ?? {}), externalKeyId)
    const plaintext = await this.opener.withExecutor(ref, (x) => x.decrypt(ref, sealed, aad))
    return E.map((p: Buffer) => ({ keyId, keyVersionId: versionId, plaintext: p }))(plaintext)
  }
}
