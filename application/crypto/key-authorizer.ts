import type { Either } from 'fp-ts/lib/Either.js'
import type { KmsError } from '../../domain/errors.ts'
import type { KeyState } from '../../domain/key/state.ts'
import type { KmsAction } from '../../domain/policy/actions.ts'

/**
 * How the crypto service asks whether this call's caller may use a key (DESIGN §7). The caller of the service
 * (the HTTP layer: application/access) supplies it per call as function values over domain/policy's decision;
 * the service stays pure and only decides *when* to ask: after the key is resolved, before any material is
 * touched, once per key and permission (ReEncrypt: `kms:ReEncryptFrom` on the source, `kms:ReEncryptTo` on the
 * destination).
 *
 * A refusal is recorded by the service itself, on the key's usage stream (`ActionInvoked`, outcome `denied`), as
 * part of the call's audit trail: the authorizer must not record it as well, or the refusal would appear twice.
 */
export interface KeyAuthorizer {
  /** Right when the caller may perform `action` on the key; else the refusal (403) to answer. Records nothing. */
  readonly checkKey: (key: KeyState, action: KmsAction) => Either<KmsError, void>
  /**
   * A name that resolves to no key: `named` is the account the name points into and the ARN it named, or
   * undefined when nothing says which account (the key id inside a ciphertext). Returns what the caller is told:
   * `notFound` only where that reveals nothing (the caller's own account, its own grants), else the same 403 as a
   * refusal, so that which keys exist cannot be probed.
   */
  readonly unseen: (named: { readonly accountId: string; readonly keyArn: string } | undefined, action: KmsAction, notFound: KmsError) => KmsError
}
