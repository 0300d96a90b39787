import * as E from 'fp-ts/lib/Either.js'
import {
  aliasNotFound, badRequest, internalFailure, invalidParameter, keyNotFound, missingParameter, type KmsError,
} from '../errors.ts'
import { invalidCiphertext } from '../crypto-errors.ts'
import { checkActionAllowed, type KeyState } from '../key/index.ts'
import { kmsActionOf, type KmsAction } from '../policy/actions.ts'
import type { CiphertextBlob, CiphertextBlobFormat } from '../ports/ciphertext-blob.ts'
import type { KeyVersionRef } from '../ports/crypto-executor.ts'
import type { CryptoExecutorRouter } from '../ports/crypto-router.ts'
import type { KeyTransport } from '../ports/key-transport.ts'
import type { UsageRecorder } from '../ports/usage-recorder.ts'
import { aliasArn, keyArn } from '../values/arn.ts'
import { canonicalEncryptionContext, type EncryptionContext } from '../values/encryption-context.ts'
import { KeyId } from '../values/key-id.ts'
import type { CommandContext } from './context.ts'
import type { KeyService } from './key-service.ts'
import {
  checkEncryptionAlgorithm, checkExportWrapping, checkImportWrapping, checkSigningAlgorithm, checkVersion,
  requireAsymmetric, requireSymmetric,
} from './crypto/algorithms.ts'
import { AuditTrail, type KeyNote } from './crypto/audit-trail.ts'
import type { CallerIdentity } from './crypto/caller.ts'
import { dataKeyBytes } from './crypto/data-key.ts'
import type { KeyAuthorizer } from './crypto/key-authorizer.ts'
import { parseKeyReference } from './crypto/key-reference.ts'

export const MAX_ENCRYPT_PLAINTEXT_BYTES = 6144 // API reference §5.8: Encrypt takes at most 6 KB
export const IMPORT_TOKEN_LIFETIME_MS = 24 * 3600_000 // API reference §5.11

/** Who calls and for what: every operation takes one. `caller` follows the convention in crypto/caller.ts. */
export interface CryptoCall {
  readonly ctx: CommandContext
  /** The caller's account and region: where `alias/…` names are looked up. */
  readonly accountId: string
  readonly region: string
  readonly caller?: CallerIdentity
  /**
   * Whether the caller may use each key the call resolves (DESIGN §7): asked after resolving, before any
   * material is touched. Required: a call without an authorization decision cannot be expressed.
   */
  readonly authorizer: KeyAuthorizer
}

export interface CryptoServiceDeps {
  readonly keys: KeyService
  readonly router: CryptoExecutorRouter
  readonly blobs: CiphertextBlobFormat
  readonly transport: KeyTransport
  readonly usage: UsageRecorder
}

type Result<A> = Promise<E.Either<KmsError, A>>
type Ctx = EncryptionContext | undefined

export interface KeyVersionAnswer { readonly keyId: string; readonly keyVersionId: string }

/**
 * The data-plane operations (API reference §5.7–§5.11) over the ports. Inputs and outputs are plain values
 * (Buffers for bytes, strings for blobs); the HTTP layer maps wire parameters (Base64, JSON) to them.
 * Every call touching a key is recorded as `ActionInvoked` (allowed, denied or failed) before it answers, and an
 * allowed call whose record cannot be stored fails closed with InternalFailure.
 */
export class CryptoService {
  constructor(private readonly deps: CryptoServiceDeps) {}

  // ── symmetric ────────────────────────────────────────────────────────────────────────────────────────────

  encrypt(call: CryptoCall, input: { keyId: string; plaintext: Buffer; encryptionContext?: Ctx }): Result<KeyVersionAnswer & { ciphertextBlob: string }> {
    return this.audited(call, async (trail) => {
      const key = await this.openKey(call, input.keyId, 'Encrypt', trail)
      if (E.isLeft(key)) return key
      if (input.plaintext.length > MAX_ENCRYPT_PLAINTEXT_BYTES)
        return E.left(invalidParameter('Plaintext', `Encrypt takes at most ${MAX_ENCRYPT_PLAINTEXT_BYTES} bytes; use a data key for more.`))
      return this.seal(key.right.state, key.right.setVersion, input.plaintext, input.encryptionContext)
    })
  }

  decrypt(call: CryptoCall, input: { ciphertextBlob: string; encryptionContext?: Ctx }): Result<KeyVersionAnswer & { plaintext: Buffer }> {
    return this.audited(call, (trail) => this.open(call, input.ciphertextBlob, input.encryptionContext, 'Decrypt', trail))
  }

  /**
   * Source and destination are each authorized and recorded: kms:ReEncryptFrom on the key inside the ciphertext,
   * kms:ReEncryptTo on the destination (API reference §5.8). Both are decided before the source is opened, so a
   * refused destination never has the plaintext decrypted for nothing.
   */
  reEncrypt(call: CryptoCall, input: {
    ciphertextBlob: string; sourceEncryptionContext?: Ctx; destinationKeyId: string; destinationEncryptionContext?: Ctx
  }): Result<KeyVersionAnswer & { ciphertextBlob: string; sourceKeyId: string; sourceKeyVersionId: string }> {
    return this.audited(call, async (trail) => {
      const source = await this.openBlob(call, input.ciphertextBlob, 'ReEncrypt', trail, 'kms:ReEncryptFrom')
      if (E.isLeft(source)) return source
      const dest = await this.openKey(call, input.destinationKeyId, 'ReEncrypt', trail, 'kms:ReEncryptTo')
      if (E.isLeft(dest)) return dest
      const opened = await this.unseal(source.right, input.sourceEncryptionContext)
      if (E.isLeft(opened)) return opened
      const plaintext = opened.right.plaintext
      try {
        const sealed = await this.seal(dest.right.state, dest.right.setVersion, plaintext, input.destinationEncryptionContext)
        return E.map((s: KeyVersionAnswer & { ciphertextBlob: string }) => ({
          ...s, sourceKeyId: opened.right.keyId, sourceKeyVersionId: opened.right.keyVersionId,
        }))(sealed)
      } finally {
        plaintext.fill(0)
      }
    })
  }

  generateDataKey(call: CryptoCall, input: DataKeyRequest): Result<KeyVersionAnswer & { ciphertextBlob: string; plaintext: Buffer }> {
    return this.audited(call, (trail) => this.newDataKey(call, input, 'GenerateDataKey', trail))
  }

  generateDataKeyWithoutPlaintext(call: CryptoCall, input: DataKeyRequest): Result<KeyVersionAnswer & { ciphertextBlob: string }> {
    return this.audited(call, async (trail) => {
      const made = await this.newDataKey(call, input, 'GenerateDataKeyWithoutPlaintext', trail)
      if (E.isLeft(made)) return made
      const { plaintext, ...rest } = made.right
      plaintext.fill(0)
      return E.right(rest)
    })
  }

  /** The data key comes back encrypted under the CMK and wrapped under the caller's public key, never in clear. */
  generateAndExportDataKey(call: CryptoCall, input: DataKeyRequest & ExportTarget): Result<KeyVersionAnswer & { ciphertextBlob: string; exportedDataKey: Buffer }> {
    return this.audited(call, async (trail) => {
      const wrapping = checkExportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm)
      if (E.isLeft(wrapping)) return this.afterOpening(call, input.keyId, 'GenerateAndExportDataKey', trail, wrapping)
      const made = await this.newDataKey(call, input, 'GenerateAndExportDataKey', trail)
      if (E.isLeft(made)) return made
      trail.useAlgorithm(wrapping.right.algorithm)
      const { plaintext, ...rest } = made.right
      try {
        const exported = this.deps.transport.wrapForExport(input.publicKeyBlob, wrapping.right.spec, wrapping.right.algorithm, plaintext)
        return E.map((exportedDataKey: Buffer) => ({ ...rest, exportedDataKey }))(exported)
      } finally {
        plaintext.fill(0)
      }
    })
  }

  exportDataKey(call: CryptoCall, input: { ciphertextBlob: string; encryptionContext?: Ctx } & ExportTarget): Result<KeyVersionAnswer & { exportedDataKey: Buffer }> {
    return this.audited(call, async (trail) => {
      const source = await this.openBlob(call, input.ciphertextBlob, 'ExportDataKey', trail)
      if (E.isLeft(source)) return source
      const wrapping = checkExportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm)
      if (E.isLeft(wrapping)) return wrapping
      trail.useAlgorithm(wrapping.right.algorithm)
      const opened = await this.unseal(source.right, input.encryptionContext)
      if (E.isLeft(opened)) return opened
      const { plaintext, ...rest } = opened.right
      try {
        const exported = this.deps.transport.wrapForExport(input.publicKeyBlob, wrapping.right.spec, wrapping.right.algorithm, plaintext)
        return E.map((exportedDataKey: Buffer) => ({ ...rest, exportedDataKey }))(exported)
      } finally {
        plaintext.fill(0)
      }
    })
  }

  // ── asymmetric ───────────────────────────────────────────────────────────────────────────────────────────

  asymmetricEncrypt(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; plaintext: Buffer }): Result<KeyVersionAnswer & { ciphertextBlob: Buffer }> {
    return this.audited(call, async (trail) => {
      const target = await this.openVersion(call, input, 'AsymmetricEncrypt', trail)
      if (E.isLeft(target)) return target
      const alg = checkEncryptionAlgorithm(target.right.state, input.algorithm)
      if (E.isLeft(alg)) return alg
      trail.useAlgorithm(alg.right)
      const out = await this.withExecutor(target.right.ref, (x) => x.asymmetricEncrypt(target.right.ref, alg.right, input.plaintext))
      return E.map((ciphertextBlob: Buffer) => ({ ...answer(target.right.ref), ciphertextBlob }))(out)
    })
  }

  asymmetricDecrypt(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; ciphertextBlob: Buffer }): Result<KeyVersionAnswer & { plaintext: Buffer }> {
    return this.audited(call, async (trail) => {
      const target = await this.openVersion(call, input, 'AsymmetricDecrypt', trail)
      if (E.isLeft(target)) return target
      const alg = checkEncryptionAlgorithm(target.right.state, input.algorithm)
      if (E.isLeft(alg)) return alg
      trail.useAlgorithm(alg.right)
      const out = await this.withExecutor(target.right.ref, (x) => x.asymmetricDecrypt(target.right.ref, alg.right, input.ciphertextBlob))
      return E.map((plaintext: Buffer) => ({ ...answer(target.right.ref), plaintext }))(out)
    })
  }

  /** `digest`: the message's SHA-256 (SM3(Z‖M) for SM2DSA), as the API takes it. Returns a DER/raw signature. */
  asymmetricSign(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; digest: Buffer }): Result<KeyVersionAnswer & { value: Buffer }> {
    return this.audited(call, async (trail) => {
      const target = await this.openVersion(call, input, 'AsymmetricSign', trail)
      if (E.isLeft(target)) return target
      const alg = checkSigningAlgorithm(target.right.state, input.algorithm)
      if (E.isLeft(alg)) return alg
      trail.useAlgorithm(alg.right)
      const out = await this.withExecutor(target.right.ref, (x) => x.sign(target.right.ref, alg.right, input.digest))
      return E.map((value: Buffer) => ({ ...answer(target.right.ref), value }))(out)
    })
  }

  asymmetricVerify(call: CryptoCall, input: AsymmetricTarget & { algorithm: string; digest: Buffer; value: Buffer }): Result<KeyVersionAnswer & { value: boolean }> {
    return this.audited(call, async (trail) => {
      const target = await this.openVersion(call, input, 'AsymmetricVerify', trail)
      if (E.isLeft(target)) return target
      const alg = checkSigningAlgorithm(target.right.state, input.algorithm)
      if (E.isLeft(alg)) return alg
      trail.useAlgorithm(alg.right)
      const out = await this.withExecutor(target.right.ref, (x) => x.verify(target.right.ref, alg.right, input.digest, input.value))
      return E.map((value: boolean) => ({ ...answer(target.right.ref), value }))(out)
    })
  }

  /** The version's public key as SPKI PEM (S-9.1). */
  getPublicKey(call: CryptoCall, input: AsymmetricTarget): Result<KeyVersionAnswer & { publicKey: string }> {
    return this.audited(call, async (trail) => {
      const target = await this.openVersion(call, input, 'GetPublicKey', trail)
      if (E.isLeft(target)) return target
      const out = await this.withExecutor(target.right.ref, (x) => x.publicKeyPem(target.right.ref))
      return E.map((publicKey: string) => ({ ...answer(target.right.ref), publicKey }))(out)
    })
  }

  // ── BYOK ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** `publicKey` is DER SubjectPublicKeyInfo; `tokenExpireTime` is ISO-8601 to the second (API reference §5.1). */
  getParametersForImport(call: CryptoCall, input: { keyId: string; wrappingKeySpec: string; wrappingAlgorithm: string }): Result<{
    keyId: string; importToken: string; publicKey: Buffer; tokenExpireTime: string
  }> {
    return this.audited(call, async (trail) => {
      const key = await this.openKey(call, input.keyId, 'GetParametersForImport', trail)
      if (E.isLeft(key)) return key
      const s = key.right.state
      if (s.origin !== 'EXTERNAL') return E.left(unsupportedOrigin())
      const alg = checkImportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm)
      if (E.isLeft(alg)) return alg
      trail.useAlgorithm(alg.right)
      const expiresAt = new Date(call.ctx.now.getTime() + IMPORT_TOKEN_LIFETIME_MS)
      const params = await this.deps.transport.newImportParameters(s.keyId, alg.right, expiresAt)
      return E.map((p: { importToken: string; publicKey: Buffer }) => ({
        keyId: s.keyId, importToken: p.importToken, publicKey: p.publicKey, tokenExpireTime: isoSeconds(expiresAt),
      }))(params)
    })
  }

  /** `keyMaterialExpireUnix`: Unix seconds, 0 or undefined = never expires (API reference §5.11). */
  importKeyMaterial(call: CryptoCall, input: {
    keyId: string; encryptedKeyMaterial: Buffer; importToken: string; keyMaterialExpireUnix?: number
  }): Result<{ keyId: string }> {
    return this.audited(call, async (trail) => {
      const key = await this.openKey(call, input.keyId, 'ImportKeyMaterial', trail)
      if (E.isLeft(key)) return key
      const s = key.right.state
      if (s.origin !== 'EXTERNAL') return E.left(unsupportedOrigin())
      const expire = input.keyMaterialExpireUnix
      if (expire !== undefined && (!Number.isInteger(expire) || expire < 0))
        return E.left(invalidParameter('KeyMaterialExpireUnix', 'it is Unix seconds, or 0 for never.'))
      const expireAt = expire ? new Date(expire * 1000) : null
      if (expireAt && expireAt.getTime() <= call.ctx.now.getTime())
        return E.left(invalidParameter('KeyMaterialExpireUnix', 'the expiry must not be in the past'))
      const material = await this.deps.transport.unwrapImport(s.keyId, input.importToken, input.encryptedKeyMaterial, call.ctx.now)
      if (E.isLeft(material)) return material
      const versionId = s.versions[0]!.versionId
      key.right.setVersion(versionId)
      const ref = refOf(s, versionId)
      try {
        const stored = await this.withExecutor(ref, (x) => x.importMaterial(ref, material.right))
        if (E.isLeft(stored)) return stored
      } finally {
        material.right.fill(0)
      }
      const done = await this.deps.keys.execute(s.keyId, {
        type: 'ImportKeyMaterial', now: call.ctx.now.toISOString(), expireAt: expireAt?.toISOString() ?? null,
      }, call.ctx)
      if (E.isLeft(done)) {
        // The key refused (it changed meanwhile): do not leave first-time material behind for a key that lacks it.
        if (!s.material.imported) await this.withExecutor(ref, (x) => x.destroyImported(s.keyId))
        return done
      }
      return E.right({ keyId: s.keyId })
    })
  }

  /** The material goes at once; the key returns to PendingImport (API reference §5.2). */
  deleteKeyMaterial(call: CryptoCall, input: { keyId: string }): Result<{ keyId: string }> {
    return this.audited(call, async (trail) => {
      const key = await this.openKey(call, input.keyId, 'DeleteKeyMaterial', trail)
      if (E.isLeft(key)) return key
      const done = await this.deps.keys.execute(key.right.state.keyId, { type: 'DeleteKeyMaterial', now: call.ctx.now.toISOString(), reason: 'deleted' }, call.ctx)
      return E.map(() => ({ keyId: key.right.state.keyId }))(done)
    })
  }

  // ── building blocks ──────────────────────────────────────────────────────────────────────────────────────

  /** Runs an operation and records every key it touched, with the outcome, before answering. */
  private async audited<A>(call: CryptoCall, run: (trail: AuditTrail) => Promise<E.Either<KmsError, A>>): Promise<E.Either<KmsError, A>> {
    const trail = new AuditTrail()
    let result: E.Either<KmsError, A>
    try {
      result = await run(trail)
    } catch {
      result = E.left(internalFailure('The operation failed unexpectedly.'))
    }
    const records = trail.records({ error: E.isLeft(result) ? result.left : null }, call.ctx.requestId, call.ctx.now.toISOString(), call.caller)
    const stored = await Promise.all(records.map((r) => this.deps.usage.record(call.ctx, r)))
    const failed = stored.find(E.isLeft)
    if (failed && E.isRight(result)) {
      scrub(result.right)
      return failed
    }
    return result
  }

  /**
   * Resolves a KeyId parameter (id, alias or ARN) to the key it names, then uses it as `useKey` does. A bare id or
   * alias names the caller's own account; an ARN may name another account's key, whose policy then decides.
   * Whatever names no key is answered by the authorizer's `unseen` (no existence leak across accounts).
   */
  private async openKey(call: CryptoCall, text: string, action: string, trail: AuditTrail, permission = permissionFor(action)): Opened {
    if (!text) return E.left(missingParameter('KeyId'))
    const ref = parseKeyReference(text, call.accountId, call.region)
    const accountId = ref.type === 'alias' ? ref.accountId : ref.arn?.accountId ?? call.accountId
    const region = ref.type === 'alias' ? ref.region : ref.arn?.region ?? call.region
    const named = { accountId, keyArn: ref.type === 'alias' ? aliasArn(region, accountId, ref.alias) : keyArn(region, accountId, ref.keyId) }
    const unseen = (notFound: KmsError) => E.left(call.authorizer.unseen(named, permission, notFound))
    if (region !== call.region) return unseen(ref.type === 'alias' ? aliasNotFound(text) : keyNotFound(text))
    let keyId: string
    if (ref.type === 'alias') {
      const resolved = await this.deps.keys.resolveAlias(accountId, region, ref.alias)
      if (E.isLeft(resolved)) return isNotFound(resolved.left) ? unseen(resolved.left) : resolved
      keyId = resolved.right
    } else keyId = ref.keyId
    return this.useKey(call, keyId, named, action, trail, permission)
  }

  /**
   * Loads a key, notes it in the trail (only keys that exist are recorded: a made-up id must not create usage
   * streams), asks the call's authorizer (a refusal is this key's `denied` record) and only then applies the
   * state table (S-6.2, S-8.3), so that a caller who may not use the key learns nothing of its state.
   * `named`: the account and ARN the caller's name points into, which the key must match; undefined for the key
   * id inside a ciphertext, which names the key wherever it lives (its policy decides).
   */
  private async useKey(call: CryptoCall, keyId: string, named: Named, action: string, trail: AuditTrail, permission: KmsAction): Opened {
    const unseen = (notFound: KmsError) => E.left(call.authorizer.unseen(named, permission, notFound))
    if (!KeyId.is(keyId)) return unseen(keyNotFound(keyId))
    const loaded = await this.deps.keys.loadAny(keyId)
    if (E.isLeft(loaded)) return isNotFound(loaded.left) ? unseen(loaded.left) : loaded
    const s = loaded.right
    if (!s.created || s.region !== call.region || (named !== undefined && s.accountId !== named.accountId)) return unseen(keyNotFound(keyId))
    const note = trail.touch(permission, s.keyId)
    const authorized = call.authorizer.checkKey(s, permission)
    if (E.isLeft(authorized)) {
      note.refuse(authorized.left)
      return authorized
    }
    const allowed = checkActionAllowed(action, s)
    return E.map((state: KeyState) => ({ state, setVersion: note.setVersion }))(allowed)
  }

  /** An asymmetric key and the version the call names. */
  private async openVersion(call: CryptoCall, input: AsymmetricTarget, action: string, trail: AuditTrail): Promise<E.Either<KmsError, { state: KeyState; ref: KeyVersionRef }>> {
    const key = await this.openKey(call, input.keyId, action, trail)
    if (E.isLeft(key)) return key
    const s = key.right.state
    const asym = requireAsymmetric(s)
    if (E.isLeft(asym)) return asym
    const version = checkVersion(s, input.keyVersionId)
    if (E.isLeft(version)) return version
    key.right.setVersion(version.right)
    return E.right({ state: s, ref: refOf(s, version.right) })
  }

  /** Encrypts under the key's primary version into a ciphertext blob. */
  private async seal(s: KeyState, setVersion: (v: string) => void, plaintext: Buffer, context: Ctx): Result<KeyVersionAnswer & { ciphertextBlob: string }> {
    const sym = requireSymmetric(s)
    if (E.isLeft(sym)) return sym
    const versionId = s.primaryVersionId!
    setVersion(versionId)
    const ref = refOf(s, versionId)
    const aad = this.deps.blobs.aad(s.keyId, versionId, canonicalEncryptionContext(context ?? {}))
    const sealed = await this.withExecutor(ref, (x) => x.encrypt(ref, plaintext, aad))
    if (E.isLeft(sealed)) return sealed
    return E.right({ keyId: s.keyId, keyVersionId: versionId, ciphertextBlob: this.deps.blobs.encode({ keyId: s.keyId, versionId, sealed: sealed.right }) })
  }

  /** Decrypts a ciphertext blob with the version that made it (works after rotation, API reference §5.4). */
  private async open(call: CryptoCall, text: string, context: Ctx, action: string, trail: AuditTrail): Result<KeyVersionAnswer & { plaintext: Buffer }> {
    const source = await this.openBlob(call, text, action, trail)
    return E.isLeft(source) ? source : this.unseal(source.right, context)
  }

  /** The key a ciphertext blob names, resolved and authorized, with the blob: nothing is decrypted yet. */
  private async openBlob(call: CryptoCall, text: string, action: string, trail: AuditTrail, permission = permissionFor(action)):
    Result<{ state: KeyState; setVersion(v: string): void; blob: CiphertextBlob }> {
    const blob = this.deps.blobs.decode(text)
    if (E.isLeft(blob)) return blob
    const key = await this.useKey(call, blob.right.keyId, undefined, action, trail, permission)
    if (E.isLeft(key)) return key
    key.right.setVersion(blob.right.versionId)
    return E.right({ ...key.right, blob: blob.right })
  }

  private async unseal(source: { state: KeyState; blob: CiphertextBlob }, context: Ctx): Result<KeyVersionAnswer & { plaintext: Buffer }> {
    const { state: s, blob: { keyId, versionId, sealed } } = source
    const sym = requireSymmetric(s)
    if (E.isLeft(sym)) return sym
    if (!s.versions.some((v) => v.versionId === versionId)) return E.left(invalidCiphertext())
    const ref = refOf(s, versionId)
    const aad = this.deps.blobs.aad(keyId, versionId, canonicalEncryptionContext(context ?? {}))
    const plaintext = await this.withExecutor(ref, (x) => x.decrypt(ref, sealed, aad))
    return E.map((p: Buffer) => ({ keyId, keyVersionId: versionId, plaintext: p }))(plaintext)
  }

  private async newDataKey(call: CryptoCall, input: DataKeyRequest, action: string, trail: AuditTrail): Result<KeyVersionAnswer & { ciphertextBlob: string; plaintext: Buffer }> {
    const key = await this.openKey(call, input.keyId, action, trail)
    if (E.isLeft(key)) return key
    const bytes = dataKeyBytes(input.keySpec, input.numberOfBytes)
    if (E.isLeft(bytes)) return bytes
    const plaintext = this.deps.transport.randomDataKey(bytes.right)
    const sealed = await this.seal(key.right.state, key.right.setVersion, plaintext, input.encryptionContext)
    if (E.isLeft(sealed)) plaintext.fill(0)
    return E.map((s: KeyVersionAnswer & { ciphertextBlob: string }) => ({ ...s, plaintext }))(sealed)
  }

  /** A parameter error found before the key is used still names the key in the audit trail. */
  private async afterOpening<A>(call: CryptoCall, keyId: string, action: string, trail: AuditTrail, error: E.Left<KmsError>): Result<A> {
    const key = await this.openKey(call, keyId, action, trail)
    return E.isLeft(key) ? key : error
  }

  private async withExecutor<A>(ref: KeyVersionRef, use: (x: import('../ports/crypto-executor.ts').CryptoExecutor) => Promise<E.Either<KmsError, A>>): Result<A> {
    const executor = this.deps.router.executorFor(ref)
    return E.isLeft(executor) ? executor : use(executor.right)
  }
}

export interface DataKeyRequest {
  readonly keyId: string
  /** AES_256 or AES_128; ignored when numberOfBytes is given (API reference §5.9). */
  readonly keySpec?: string
  readonly numberOfBytes?: number
  readonly encryptionContext?: Ctx
}

export interface ExportTarget {
  /** The caller's public key: DER SubjectPublicKeyInfo (Base64-decoded `PublicKeyBlob`), PEM also accepted. */
  readonly publicKeyBlob: Buffer
  readonly wrappingKeySpec: string
  readonly wrappingAlgorithm: string
}

export interface AsymmetricTarget {
  readonly keyId: string
  readonly keyVersionId: string
}

/** Where a caller's name points (account, ARN); undefined for a ciphertext's key id, which names no account. */
type Named = { readonly accountId: string; readonly keyArn: string } | undefined
type Opened = Promise<E.Either<KmsError, { state: KeyState; setVersion: KeyNote['setVersion'] }>>

/** The permission an action needs on its key (domain/policy/actions.ts); ReEncrypt passes its two explicitly. */
const permissionFor = (action: string): KmsAction => kmsActionOf(action) ?? `kms:${action}`
const isNotFound = (e: KmsError): boolean => e.httpStatus === 404

const refOf = (s: KeyState, versionId: string): KeyVersionRef => ({ keyId: s.keyId, versionId, spec: s.spec, kind: s.kind, instanceId: s.instanceId })
const answer = (ref: KeyVersionRef): KeyVersionAnswer => ({ keyId: ref.keyId, keyVersionId: ref.versionId })
const unsupportedOrigin = (): KmsError => badRequest('Unsupported.Origin', 'Only keys with Origin EXTERNAL take imported material.')
const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** An answer that will not be given (its audit record failed) must not leave plaintext in memory. */
const scrub = (value: unknown): void => {
  if (value && typeof value === 'object' && 'plaintext' in value && Buffer.isBuffer((value as { plaintext: unknown }).plaintext))
    (value as { plaintext: Buffer }).plaintext.fill(0)
}
