import { AsymmetricCrypto } from './crypto/asymmetric.ts'
import { Byok } from './crypto/byok.ts'
import type {
  AsymmetricTarget, CallerIdentity, CryptoCall, CryptoServiceDeps, Ctx, DataKeyRequest, ExportTarget, KeyVersionAnswer, Result,
} from './crypto/call.ts'
import { DataKeys } from './crypto/data-keys.ts'
import { KeyOpener } from './access/key-access.ts'
import { SymmetricCrypto } from './crypto/symmetric.ts'
import { MacCrypto, type MacAnswer } from './crypto/mac.ts'
import * as E from 'fp-ts/lib/Either.js'
import { faultCause, internalFailure, type KmsError } from '../domain/errors.ts'
import type { UsageRecord, UsageRecorder } from '../domain/ports/usage-recorder.ts'

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
  private readonly macs: MacCrypto
  private readonly byok: Byok

  constructor(private readonly deps: CryptoServiceDeps) {
    const opener = new KeyOpener(deps.keys, deps.router, deps.blobs)
    this.symmetric = new SymmetricCrypto(opener, deps.blobs)
    this.dataKeys = new DataKeys(opener, this.symmetric, deps.transport)
    this.asymmetric = new AsymmetricCrypto(opener)
    this.macs = new MacCrypto(opener)
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

  // ── MACs (crypto/mac.ts) ──

  generateMac(call: CryptoCall, input: { keyId: string; algorithm: string; message: Buffer }): Result<MacAnswer & { mac: Buffer }> {
    return this.audited(call, (t) => this.macs.generate(call, t, input))
  }

  verifyMac(call: CryptoCall, input: { keyId: string; algorithm: string; message: Buffer; mac: Buffer }): Result<MacAnswer & { value: boolean }> {
    return this.audited(call, (t) => this.macs.verify(call, t, input))
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

// Every key a crypto call touches is recorded as ActionInvoked before the call answers (docs/architecture.md §10).

/** What the service notes about one key a call touched. */
export interface KeyNote {
  setVersion(versionId: string): void
  /** The key's authorization refused the call: this key's record is the denial (and the only one). */
  refuse(error: KmsError): void
}

interface Entry {
  readonly action: string
  readonly keyId: string
  versionId: string | null
  refusal: KmsError | null
  /** The caller's account when the key is another account's (its refusals are aggregated). */
  readonly foreignCaller: string | undefined
}

/** One key's record of a call, and the caller's account when the key is another account's. */
export interface TrailRecord {
  readonly record: UsageRecord
  readonly foreignCaller: string | undefined
}

/** The keys one call touched, in order (ReEncrypt touches two), to be recorded as `ActionInvoked` each. */
export class AuditTrail {
  private readonly entries: Entry[] = []
  /** The asymmetric or wrapping algorithm the call used, once checked (never a caller's unchecked text). */
  private algorithm: string | undefined

  touch(action: string, keyId: string, versionId: string | null = null, foreignCaller?: string): KeyNote {
    const entry: Entry = { action, keyId, versionId, refusal: null, foreignCaller }
    this.entries.push(entry)
    return {
      setVersion: (v) => void (entry.versionId = v),
      refuse: (e) => void (entry.refusal = e),
    }
  }

  useAlgorithm(algorithm: string): void {
    this.algorithm = algorithm
  }

  records(outcome: { error: KmsError | null }, requestId: string, at: string, caller: CallerIdentity | undefined): TrailRecord[] {
    const e = outcome.error
    // A refusal belongs to the key whose policy refused. Another key of the same call (ReEncrypt's source when
    // the destination refuses) was allowed, so for it the call merely failed: it must not count as a denial.
    const refusedElsewhere = this.entries.some((x) => x.refusal !== null)
    return this.entries.map((x) => ({ foreignCaller: x.foreignCaller, record: {
      keyId: x.keyId,
      versionId: x.versionId,
      action: x.action,
      outcome: x.refusal !== null ? 'denied' : e === null ? 'allowed' : !refusedElsewhere && deniedCodes(e.code) ? 'denied' : 'failed',
      errorCode: x.refusal?.code ?? e?.code ?? null,
      callerService: caller?.service ?? null,
      callerResource: caller?.resource ?? null,
      requestId,
      at,
      ...(this.algorithm !== undefined ? { algorithm: this.algorithm } : {}),
    } }))
  }
}

/**
 * `denied`: the KMS refused the call because of the key's state or a permission (Rejected.*, Forbidden.*);
 * `failed`: the call was allowed but could not be done (bad input, a ciphertext that does not open, …).
 */
const deniedCodes = (code: string): boolean => code.startsWith('Rejected.') || code.startsWith('Forbidden.')

/**
 * What a call did to the key before its record was written: `none` for every data-plane call (its result can
 * still be withheld), `stored` for ImportKeyMaterial and DeleteKeyMaterial, whose change is already on the key's
 * stream when the usage record is written — the answer must not claim it did not happen.
 */
export type CallEffect = 'none' | 'stored'

/**
 * Runs an operation and records every key it touched, with the outcome, before answering. An allowed call whose
 * record cannot be stored fails closed with InternalFailure (its result is scrubbed and withheld).
 */
export const audited = async <A>(
  usage: UsageRecorder, call: CryptoCall, run: (trail: AuditTrail) => Promise<E.Either<KmsError, A>>, effect: CallEffect = 'none',
): Promise<E.Either<KmsError, A>> => {
  const trail = new AuditTrail()
  let result: E.Either<KmsError, A>
  try {
    result = await run(trail)
  } catch (e) {
    result = E.left(internalFailure(`The operation failed: ${faultCause(e)}`))
  }
  const records = trail.records({ error: E.isLeft(result) ? result.left : null }, call.ctx.requestId, call.ctx.now.toISOString(), call.caller)
  // Another account's refusals are counted and written aggregated, later (docs/architecture.md §7 "Fair audit").
  const stored = await Promise.all(records.map(({ record, foreignCaller }) => {
    if (foreignCaller === undefined || record.outcome !== 'denied') return usage.record(call.ctx, record)
    usage.recordForeignDenial(call.ctx, record, foreignCaller)
    return Promise.resolve(E.right(undefined))
  }))
  const failed = stored.find(E.isLeft)
  if (failed && E.isRight(result)) {
    scrub(result.right)
    return E.left(internalFailure(effect === 'stored'
      ? 'The change was made and is recorded on the key\'s own stream, but its usage record (ActionInvoked) could not be stored.'
      : `The usage record could not be stored, so the result is withheld; nothing was changed. (${failed.left.message})`))
  }
  return result
}

/** An answer that will not be given (its audit record failed) must not leave plaintext in memory. */
const scrub = (value: unknown): void => {
  if (value && typeof value === 'object' && 'plaintext' in value && Buffer.isBuffer((value).plaintext))
    (value as { plaintext: Buffer }).plaintext.fill(0)
}
