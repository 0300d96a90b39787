import * as E from 'fp-ts/lib/Either.js'
import { aliasNotFound, invalidParameter, keyNotFound, type KmsError } from '../../../domain/errors.ts'
import type { KeyState } from '../../../domain/key/index.ts'
import { aliasArn, keyArn, parseAliasArn, parseKeyArn } from '../../../domain/values/arn.ts'
import { AliasName } from '../../../domain/values/alias.ts'
import { KeyId } from '../../../domain/values/key-id.ts'
import type { ActionContext, ApiServices } from './action.ts'

// How a KeyId parameter names a key (API reference §5.1, §5.5): a key id or a key ARN everywhere; an alias or
// an alias ARN only where the API says so (DescribeKey, the version actions, the crypto actions). A bare id or
// alias names the caller's own account; an ARN may name another account's key, which the key policy then
// decides (S-5.2, S-5.3). Every key resolved here for a key action passes the authorization check
// (ctx.access.checkKey) before the handler sees it.

export interface KeyRefOptions {
  readonly alias: boolean
  readonly name?: string
  /** Aliases bind keys of their own account only: another account's ARN is refused before any lookup. */
  readonly ownAccountOnly?: boolean
}

interface Target {
  readonly accountId: string
  readonly region: string
  /** A key id or `alias/…` (unchecked yet). */
  readonly text: string
}

const targetOf = (ctx: ActionContext, s: ApiServices, ref: string): Target => {
  const k = parseKeyArn(ref)
  if (k) return { accountId: k.accountId, region: k.region, text: k.keyId }
  const a = parseAliasArn(ref)
  if (a) return { accountId: a.accountId, region: a.region, text: a.alias }
  return { accountId: ctx.caller.accountId, region: s.deployment.region, text: ref }
}

/**
 * The key a KeyId parameter names, authorized for this request's action. Not found: `Forbidden.KeyNotFound`
 * (or AliasNotFound) in the caller's own account, the same 403 as a refusal in another's (no existence leak).
 */
export const resolveKey = async (
  ctx: ActionContext, s: ApiServices, ref: string, opts: KeyRefOptions
): Promise<E.Either<KmsError, KeyState>> => {
  const name = opts.name ?? 'KeyId'
  const region = s.deployment.region
  const target = targetOf(ctx, s, ref)
  const foreign = target.accountId !== ctx.caller.accountId
  if (foreign && opts.ownAccountOnly) return E.left(invalidParameter(name, 'An alias can only name a key of its own account.'))
  // Account actions (ListTagResources…) act within the caller's account only: nothing of another is looked up.
  if (foreign && ctx.access.scope === 'account') return E.left(keyNotFound(ref))
  const isAlias = target.text.startsWith('alias/')
  if (isAlias && !opts.alias) return E.left(invalidParameter(name, `${ctx.action} takes a key id or a key ARN, not an alias.`))
  if (isAlias && !AliasName.is(target.text)) return E.left(invalidParameter(name, 'The alias is not valid (S-3.1).'))
  const unseen = (notFound: KmsError, arn: string): E.Either<KmsError, never> =>
    E.left(ctx.access.scope === 'account' ? notFound : ctx.access.unseen(target.accountId, arn, notFound))
  const namedArn = isAlias ? aliasArn(target.region, target.accountId, target.text) : keyArn(target.region, target.accountId, target.text)
  if (target.region !== region) return unseen(isAlias ? aliasNotFound(ref) : keyNotFound(ref), namedArn)
  let keyId = target.text
  if (isAlias) {
    const resolved = await s.keys.resolveAlias(target.accountId, region, target.text)
    if (E.isLeft(resolved)) return unseen(resolved.left, namedArn)
    keyId = resolved.right
  }
  // A text that cannot be a key id names no key: 404, as the API answers for `KeyId=nope`.
  if (!KeyId.is(keyId)) return unseen(keyNotFound(ref), namedArn)
  const key = await s.keys.load(keyId)
  if (E.isLeft(key)) return unseen(key.left, keyArn(region, target.accountId, keyId))
  if (key.right.accountId !== target.accountId || key.right.region !== region) return unseen(keyNotFound(ref), keyArn(region, target.accountId, keyId))
  return ctx.access.scope === 'account' ? key : ctx.access.checkKey(key.right)
}

/** The key id a KeyId parameter names (resolved and authorized as `resolveKey` does). */
export const resolveKeyId = async (
  ctx: ActionContext, s: ApiServices, ref: string, opts: KeyRefOptions
): Promise<E.Either<KmsError, string>> => E.map((k: KeyState) => k.keyId)(await resolveKey(ctx, s, ref, opts))
