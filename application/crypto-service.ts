import { AsymmetricCrypto } from './crypto/asymmetric.ts'
import { audited, type CallEffect } from './crypto/audited.ts'
import type { AuditTrail } from './crypto/audit-trail.ts'
import { Byok } from './crypto/byok.ts'
import type {
  AsymmetricTarget, CryptoCall, CryptoServiceDeps, Ctx, DataKeyRequest, ExportTarget, KeyVersionAnswer, Result,
} from './crypto/call.ts'
import { DataKeys } from './crypto/data-keys.ts'
import { KeyOpener } from './crypto/key-opener.ts'
import { SymmetricCrypto } from './crypto/symmetric.ts'

export { MAX_ENCRYPT_PLAINTEXT_BYTES } from './crypto/symmetric.ts'
export { IMPORT_TOKEN_LIFETIME_MS } from './crypto/byok.ts'
export type {
  AsymmetricTarget, CryptoCall, CryptoServiceDeps, DataKeyRequest, ExportTarget, KeyVersionAnswer,
} from './crypto/call.ts'

/**
 * The data-plane operations (API reference §5.7–§5.11) over the ports. Inputs and outputs are plain values
 * (Buffers for bytes, strings for blobs); the HTTP layer maps wire parameters (Base64, JSON) to them.
 * Every call touching a key is recorded as `ActionInvoked` (allowed, denied or failed) before it answers, and an
 * allowed call whose record cannot be stored fails closed with InternalFailure (crypto/audited.ts).
 * Each family of operations lives in its own file under crypto/; this class only wires them and audits.
 */
export class CryptoService {
  private readonly symmetric: SymmetricCrypto
  private readonly dataKeys: DataKeys
  private readonly asymmetric: AsymmetricCrypto
  private readonly byok: Byok

  constructor(private readonly deps: CryptoServiceDeps) {
    const opener = new KeyOpener(deps.keys, deps.router, deps.blobs)
    this.symmetric = new SymmetricCrypto(opener, deps.blobs)
    this.dataKeys = new DataKeys(opener, this.symmetric, deps.transport)
    this.asymmetric = new AsymmetricCrypto(opener)
    this.byok = new Byok(opener, deps.keys, deps.transport)
  }

  // ── symmetric (crypto/symmetric.ts) ──

  encrypt(call: CryptoCall, input: { keyId: string; plaintext: Buffer; encryptionContext?: Ctx }): Result<KeyVersionAnswer & { ciphertextBlob: string }> {
    return this.audited(call, (t) => this.symmetric.encrypt(call, t, input))
  }

  decrypt(call: CryptoCall, input: { ciphertextBlob: string; encryptionContext?: Ctx }): Result<KeyVersionAnswer & { plaintext: Buffer }> {
    return this.audited(call, (t) => this.symmetric.decrypt(call, t, input))
  }

  reEncrypt(call: CryptoCall, input: {
    ciphertextBlob: string; sourceEncryptionContext?: Ctx; destinationKeyId: string; destinationEncryptionContext?: Ctx
  }): Result<KeyVersionAnswer & { ciphertextBlob: string; sourceKeyId: string; sourceKeyVersionId: string }> {
    return this.audited(call, (t) => this.symmetric.reEncrypt(call, t, input))
  }

  // ── data keys (crypto/data-keys.ts) ──

  generateDataKey(call: CryptoCall, input: DataKeyRequest): Result<KeyVersionAnswer & { ciphertextBlob: string; plaintext: Buffer }> {
    return this.audited(call, (t) => this.dataKeys.generate(call, t, input))
  }

  generateDataKeyWithoutPlaintext(call: CryptoCall, input: DataKeyRequest): Result<KeyVersionAnswer & { ciphertextBlob: string }> {
    return this.audited(call, (t) => this.dataKeys.generateWithoutPlaintext(call, t, input))
  }

  generateAndExportDataKey(call: CryptoCall, input: DataKeyRequest & ExportTarget): Result<KeyVersionAnswer & { ciphertextBlob: string; exportedDataKey: Buffer }> {
    return this.audited(call, (t) => this.dataKeys.generateAndExport(call, t, input))
  }

  exportDataKey(call: CryptoCall, input: { ciphertextBlob: string; encryptionContext?: Ctx } & ExportTarget): Result<KeyVersionAnswer & { exportedDataKey: Buffer }> {
    return this.audited(call, (t) => this.dataKeys.export(call, t, input))
  }

  // ── asymmetric (crypto/asymmetric.ts) ──

  asymmetricEncrypt(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; plaintext: Buffer }): Result<KeyVersionAnswer & { ciphertextBlob: Buffer }> {
    return this.audited(call, (t) => this.asymmetric.encrypt(call, t, input))
  }

  asymmetricDecrypt(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; ciphertextBlob: Buffer }): Result<KeyVersionAnswer & { plaintext: Buffer }> {
    return this.audited(call, (t) => this.asymmetric.decrypt(call, t, input))
  }

  asymmetricSign(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; digest: Buffer }): Result<KeyVersionAnswer & { value: Buffer }> {
    return this.audited(call, (t) => this.asymmetric.sign(call, t, input))
  }

  asymmetricVerify(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; digest: Buffer; value: Buffer }): Result<KeyVersionAnswer & { value: boolean }> {
    return this.audited(call, (t) => this.asymmetric.verify(call, t, input))
  }

  getPublicKey(call: CryptoCall, input: AsymmetricTarget): Result<KeyVersionAnswer & { publicKey: string }> {
    return this.audited(call, (t) => this.asymmetric.publicKey(call, t, input))
  }

  // ── BYOK (crypto/byok.ts) ──

  getParametersForImport(call: CryptoCall, input: { keyId: string; wrappingKeySpec: string; wrappingAlgorithm: string }): Result<{
    keyId: string; importToken: string; publicKey: Buffer; tokenExpireTime: string
  }> {
    return this.audited(call, (t) => this.byok.getParametersForImport(call, t, input))
  }

  importKeyMaterial(call: CryptoCall, input: {
    keyId: string; encryptedKeyMaterial: Buffer; importToken: string; keyMaterialExpireUnix?: number
  }): Result<{ keyId: string }> {
    return this.audited(call, (t) => this.byok.importKeyMaterial(call, t, input), 'stored')
  }

  deleteKeyMaterial(call: CryptoCall, input: { keyId: string }): Result<{ keyId: string }> {
    return this.audited(call, (t) => this.byok.deleteKeyMaterial(call, t, input), 'stored')
  }

  private audited<A>(call: CryptoCall, run: (trail: AuditTrail) => Result<A>, effect?: CallEffect): Result<A> {
    return audited(this.deps.usage, call, run, effect)
  }
}
