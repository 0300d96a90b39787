import * as E from 'fp-ts/lib/Either.js'
import { aliasNotFound, invalidParameter, keyNotFound, type KmsError } from '../../domain/errors.ts'
import type { KeyState } from '../../domain/key/index.ts'
import { AliasName } from '../../domain/values/alias.ts'
import { aliasArn, keyArn } from '../../domain/values/arn.ts'
import { KeyId } from '../../domain/values/key-id.ts'
import type { KeyService } from '../key-service.ts'
import { parseKeyReference } from './key-reference.ts'
import type { RequestAccess } from './request-access.ts'

// The key-access step of every management and ledger use case (docs/architecture.md §10): resolve the reference
// (key id, key ARN, alias, alias ARN: API reference §5.1, §5.5) → authorize with domain/policy through the
// request's access (a refusal recorded once, as ActionInvoked `denied`, by RequestAccess.checkKey) → the key.
// A bare id or alias names the caller's own account; an ARN may name another account's key, which the key
// policy then decides (S-5.2, S-5.3). The crypto use cases take the same reference parser and the same
// RequestAccess (crypto/key-opener.ts), recording their refusal in the call's audit trail instead, once.

/** Who asks, in which region, under which request authorization. */
export interface KeyRequest {
  readonly access: RequestAccess
  /** The API action (for messages). */
  readonly action: string
  readonly accountId: string
  readonly region: string
}

export interface KeyRefOptions {
  /** Whether the action takes an alias (DescribeKey, the version and ledger actions) or only a key id / key ARN. */
  readonly alias: boolean
  readonly name?: string
  /** Aliases bind keys of their own account only: another account's ARN is refused before any lookup. */
  readonly ownAccountOnly?: boolean
}

/**
 * The key a KeyId parameter names, authorized for this request's action. Not found: `Forbidden.KeyNotFound`
 * (or AliasNotFound) in the caller's own account, the same 403 as a refusal in another's (no existence leak).
 */
export const resolveKey = async (r: KeyRequest, keys: KeyService, ref: string, opts: KeyRefOptions): Promise<E.Either<KmsError, KeyState>> => {
  const name = opts.name ?? 'KeyId'
  const parsed = parseKeyReference(ref, r.accountId, r.region)
  const target = parsed.type === 'alias'
    ? { accountId: parsed.accountId, region: parsed.region, text: parsed.alias }
    : { accountId: parsed.arn?.accountId ?? r.accountId, region: parsed.arn?.region ?? r.region, text: parsed.keyId }
  const foreign = target.accountId !== r.accountId
  if (foreign && opts.ownAccountOnly) return E.left(invalidParameter(name, 'An alias can only name a key of its own account.'))
  // Account actions (ListTagResources…) act within the caller's account only: nothing of another is looked up.
  if (foreign && r.access.scope === 'account') return E.left(keyNotFound(ref))
  const isAlias = parsed.type === 'alias'
  if (isAlias && !opts.alias) return E.left(invalidParameter(name, `${r.action} takes a key id or a key ARN, not an alias.`))
  if (isAlias && !AliasName.is(target.text)) return E.left(invalidParameter(name, 'The alias is not valid (S-3.1).'))
  const unseen = (notFound: KmsError, arn: string): E.Either<KmsError, never> =>
    E.left(r.access.scope === 'account' ? notFound : r.access.unseen(target.accountId, arn, notFound))
  const namedArn = isAlias ? aliasArn(target.region, target.accountId, target.text) : keyArn(target.region, target.accountId, target.text)
  if (target.region !== r.region) return unseen(isAlias ? aliasNotFound(ref) : keyNotFound(ref), namedArn)
  let keyId = target.text
  if (isAlias) {
    const resolved = await keys.resolveAlias(target.accountId, r.region, target.text)
    if (E.isLeft(resolved)) return unseen(resolved.left, namedArn)
    keyId = resolved.right
  }
  // A text that cannot be a key id names no key: 404, as the API answers for `KeyId=nope`.
  if (!KeyId.is(keyId)) return unseen(keyNotFound(ref), namedArn)
  const key = await keys.load(keyId)
  if (E.isLeft(key)) return unseen(key.left, keyArn(r.region, target.accountId, keyId))
  if (key.right.accountId !== target.accountId || key.right.region !== r.region) return unseen(keyNotFound(ref), keyArn(r.region, target.accountId, keyId))
  return r.access.scope === 'account' ? key : r.access.checkKey(key.right)
}

/**
 * The key an alias of the caller's account points to, for DeleteAlias: authorized on that key; an alias left
 * pointing at a deleted key can still be removed by whoever the caller's own account allows.
 */
export const resolveAliasTarget = async (r: KeyRequest, keys: KeyService, alias: string): Promise<E.Either<KmsError, void>> => {
  const key = await resolveKey(r, keys, alias, { alias: true })
  if (E.isRight(key)) return E.right(undefined)
  if (key.left.code !== 'Forbidden.KeyNotFound') return key
  const target = await keys.resolveAlias(r.accountId, r.region, alias)
  if (E.isLeft(target)) return target
  return r.access.checkGoneOwnKey(keyArn(r.region, r.accountId, target.right))
}
