import * as E from 'fp-ts/lib/Either.js'
import { aliasNotFound, keyNotFound, missingParameter, type KmsError } from '../../domain/errors.ts'
import { checkActionAllowed, type KeyState } from '../../domain/key/index.ts'
import { kmsActionOf, type KmsAction } from '../../domain/policy/actions.ts'
import type { CiphertextBlob, CiphertextBlobFormat } from '../../domain/ports/ciphertext-blob.ts'
import type { CryptoExecutor, KeyVersionRef } from '../../domain/ports/crypto-executor.ts'
import type { CryptoExecutorRouter } from '../../domain/ports/crypto-router.ts'
import { aliasArn, keyArn } from '../../domain/values/arn.ts'
import { KeyId } from '../../domain/values/key-id.ts'
import type { KeyService } from '../key-service.ts'
import { checkVersion, requireAsymmetric } from './algorithms.ts'
import type { AuditTrail, KeyNote } from './audit-trail.ts'
import { refOf, type AsymmetricTarget, type CryptoCall, type Result } from './call.ts'
import { parseKeyReference } from './key-reference.ts'

/** Where a caller's name points (account, ARN); undefined for a ciphertext's key id, which names no account. */
type Named = { readonly accountId: string; readonly keyArn: string } | undefined
export type OpenedKey = { state: KeyState; setVersion: KeyNote['setVersion'] }
export type OpenedBlob = OpenedKey & { blob: CiphertextBlob }

/** The permission an action needs on its key (domain/policy/actions.ts); ReEncrypt passes its two explicitly. */
export const permissionFor = (action: string): KmsAction => kmsActionOf(action) ?? `kms:${action}`
const isNotFound = (e: KmsError): boolean => e.httpStatus === 404

/**
 * Finds the key a call names, notes it in the audit trail, asks the call's authorizer and applies the state table:
 * every operation starts here, so the order (resolve → record → authorize → state) is the same for all.
 */
export class KeyOpener {
  constructor(private readonly keys: KeyService, private readonly router: CryptoExecutorRouter, private readonly blobs: CiphertextBlobFormat) {}

  /**
   * Resolves a KeyId parameter (id, alias or ARN) to the key it names, then uses it as `useKey` does. A bare id or
   * alias names the caller's own account; an ARN may name another account's key, whose policy then decides.
   * Whatever names no key is answered by the authorizer's `unseen` (no existence leak across accounts).
   */
  async openKey(call: CryptoCall, text: string, action: string, trail: AuditTrail, permission = permissionFor(action)): Result<OpenedKey> {
    if (!text) return E.left(missingParameter('KeyId'))
    const ref = parseKeyReference(text, call.accountId, call.region)
    const accountId = ref.type === 'alias' ? ref.accountId : ref.arn?.accountId ?? call.accountId
    const region = ref.type === 'alias' ? ref.region : ref.arn?.region ?? call.region
    const named = { accountId, keyArn: ref.type === 'alias' ? aliasArn(region, accountId, ref.alias) : keyArn(region, accountId, ref.keyId) }
    const unseen = (notFound: KmsError) => E.left(call.authorizer.unseen(named, permission, notFound))
    if (region !== call.region) return unseen(ref.type === 'alias' ? aliasNotFound(text) : keyNotFound(text))
    let keyId: string
    if (ref.type === 'alias') {
      const resolved = await this.keys.resolveAlias(accountId, region, ref.alias)
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
  private async useKey(call: CryptoCall, keyId: string, named: Named, action: string, trail: AuditTrail, permission: KmsAction): Result<OpenedKey> {
    const unseen = (notFound: KmsError) => E.left(call.authorizer.unseen(named, permission, notFound))
    if (!KeyId.is(keyId)) return unseen(keyNotFound(keyId))
    const loaded = await this.keys.loadAny(keyId)
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
  async openVersion(call: CryptoCall, input: AsymmetricTarget, action: string, trail: AuditTrail): Result<{ state: KeyState; ref: KeyVersionRef }> {
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

  /** The key a ciphertext blob names, resolved and authorized, with the blob: nothing is decrypted yet. */
  async openBlob(call: CryptoCall, text: string, action: string, trail: AuditTrail, permission = permissionFor(action)): Result<OpenedBlob> {
    const blob = this.blobs.decode(text)
    if (E.isLeft(blob)) return blob
    const key = await this.useKey(call, blob.right.keyId, undefined, action, trail, permission)
    if (E.isLeft(key)) return key
    key.right.setVersion(blob.right.versionId)
    return E.right({ ...key.right, blob: blob.right })
  }

  /** A parameter error found before the key is used still names the key in the audit trail. */
  async afterOpening<A>(call: CryptoCall, keyId: string, action: string, trail: AuditTrail, error: E.Left<KmsError>): Result<A> {
    const key = await this.openKey(call, keyId, action, trail)
    return E.isLeft(key) ? key : error
  }

  async withExecutor<A>(ref: KeyVersionRef, use: (x: CryptoExecutor) => Promise<E.Either<KmsError, A>>): Result<A> {
    const executor = this.router.executorFor(ref)
    return E.isLeft(executor) ? executor : use(executor.right)
  }
}
