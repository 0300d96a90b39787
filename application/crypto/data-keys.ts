import * as E from 'fp-ts/lib/Either.js'
import type { KeyTransport } from '../../domain/ports/key-transport.ts'
import { checkExportWrapping } from './algorithms.ts'
import type { AuditTrail } from '../crypto-service.ts'
import type { CryptoCall, Ctx, DataKeyRequest, ExportTarget, KeyVersionAnswer, Result } from './call.ts'
import { dataKeyBytes } from './data-key.ts'
import type { KeyOpener } from '../access/key-access.ts'
import type { Sealed, SymmetricCrypto } from './symmetric.ts'

type WithPlaintext = Sealed & { plaintext: Buffer }

/** GenerateDataKey and its variants, ExportDataKey (API reference §5.9): a plaintext data key is zeroed once used. */
export class DataKeys {
  constructor(private readonly opener: KeyOpener, private readonly symmetric: SymmetricCrypto, private readonly transport: KeyTransport) {}

  generate(call: CryptoCall, trail: AuditTrail, input: DataKeyRequest, action = 'GenerateDataKey'): Result<WithPlaintext> {
    return this.newDataKey(call, input, action, trail)
  }

  async generateWithoutPlaintext(call: CryptoCall, trail: AuditTrail, input: DataKeyRequest): Result<Sealed> {
    const made = await this.newDataKey(call, input, 'GenerateDataKeyWithoutPlaintext', trail)
    if (E.isLeft(made)) return made
    const { plaintext, ...rest } = made.right
    plaintext.fill(0)
    return E.right(rest)
  }

  /** The data key comes back encrypted under the CMK and wrapped under the caller's public key, never in clear. */
  async generateAndExport(call: CryptoCall, trail: AuditTrail, input: DataKeyRequest & ExportTarget): Result<Sealed & { exportedDataKey: Buffer }> {
    const wrapping = checkExportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm)
    if (E.isLeft(wrapping)) return this.opener.afterOpening(call, input.keyId, 'GenerateAndExportDataKey', trail, wrapping)
    const made = await this.newDataKey(call, input, 'GenerateAndExportDataKey', trail)
    if (E.isLeft(made)) return made
    trail.useAlgorithm(wrapping.right.algorithm)
    const { plaintext, ...rest } = made.right
    try {
      const exported = this.transport.wrapForExport(input.publicKeyBlob, wrapping.right.spec, wrapping.right.algorithm, plaintext)
      return E.map((exportedDataKey: Buffer) => ({ ...rest, exportedDataKey }))(exported)
    } finally {
      plaintext.fill(0)
    }
  }

  async export(call: CryptoCall, trail: AuditTrail, input: { ciphertextBlob: string; encryptionContext?: Ctx } & ExportTarget): Result<KeyVersionAnswer & { exportedDataKey: Buffer }> {
    const source = await this.opener.openBlob(call, input.ciphertextBlob, 'ExportDataKey', trail)
    if (E.isLeft(source)) return source
    const wrapping = checkExportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm)
    if (E.isLeft(wrapping)) return wrapping
    trail.useAlgorithm(wrapping.right.algorithm)
    const opened = await this.symmetric.unseal(source.right, input.encryptionContext, { call, action: 'ExportDataKey' })
    if (E.isLeft(opened)) return opened
    const { plaintext, ...rest } = opened.right
    try {
      const exported = this.transport.wrapForExport(input.publicKeyBlob, wrapping.right.spec, wrapping.right.algorithm, plaintext)
      return E.map((exportedDataKey: Buffer) => ({ ...rest, exportedDataKey }))(exported)
    } finally {
      plaintext.fill(0)
    }
  }

  private async newDataKey(call: CryptoCall, input: DataKeyRequest, action: string, trail: AuditTrail): Result<WithPlaintext> {
    const key = await this.opener.openKey(call, input.keyId, action, trail)
    if (E.isLeft(key)) return key
    const bytes = dataKeyBytes(input.keySpec, input.numberOfBytes)
    if (E.isLeft(bytes)) return bytes
    const plaintext = this.transport.randomDataKey(bytes.right)
    const sealed = await this.symmetric.seal(key.right.state, key.right.setVersion, plaintext, input.encryptionContext, { call, action })
    if (E.isLeft(sealed)) plaintext.fill(0)
    return E.map((s: Sealed) => ({ ...s, plaintext }))(sealed)
  }
}
