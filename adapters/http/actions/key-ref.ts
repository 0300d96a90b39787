import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter, keyNotFound, type KmsError } from '../../../domain/errors.ts'
import type { KeyState } from '../../../domain/key/index.ts'
import { parseAliasArn, parseKeyArn } from '../../../domain/values/arn.ts'
import { AliasName } from '../../../domain/values/alias.ts'
import { KeyId } from '../../../domain/values/key-id.ts'
import type { ActionContext, ApiServices } from './action.ts'

// How a KeyId parameter names a key (API reference §5.1, §5.5): a key id or a key ARN everywhere; an alias or
// an alias ARN only where the API says so (DescribeKey, the version actions, the crypto actions).

export interface KeyRefOptions {
  readonly alias: boolean
  readonly name?: string
}

export const resolveKeyId = async (
  ctx: ActionContext, s: ApiServices, ref: string, opts: KeyRefOptions
): Promise<E.Either<KmsError, string>> => {
  const name = opts.name ?? 'KeyId'
  const region = s.deployment.region
  let accountId = ctx.caller.accountId
  let text = ref
  const keyArn = parseKeyArn(ref)
  const aliasArn = parseAliasArn(ref)
  if (keyArn) {
    if (keyArn.region !== region) return E.left(keyNotFound(ref))
    accountId = keyArn.accountId
    text = keyArn.keyId
  } else if (aliasArn) {
    if (aliasArn.region !== region) return E.left(keyNotFound(ref))
    accountId = aliasArn.accountId
    text = aliasArn.alias
  }
  // No authorization policies yet (domain/policy): a caller reaches only its own account's keys and aliases.
  if (accountId !== ctx.caller.accountId) return E.left(keyNotFound(ref))
  if (text.startsWith('alias/')) {
    if (!opts.alias) return E.left(invalidParameter(name, `${ctx.action} takes a key id or a key ARN, not an alias.`))
    if (!AliasName.is(text)) return E.left(invalidParameter(name, 'The alias is not valid (S-3.1).'))
    return s.keys.resolveAlias(accountId, region, text)
  }
  // A text that cannot be a key id names no key: 404, as the API answers for `KeyId=nope`.
  return KeyId.is(text) ? E.right(text) : E.left(keyNotFound(ref))
}

/** The key a KeyId parameter names, in the caller's account and this region; Forbidden.KeyNotFound otherwise. */
export const resolveKey = async (
  ctx: ActionContext, s: ApiServices, ref: string, opts: KeyRefOptions
): Promise<E.Either<KmsError, KeyState>> => {
  const id = await resolveKeyId(ctx, s, ref, opts)
  if (E.isLeft(id)) return id
  const key = await s.keys.load(id.right)
  if (E.isLeft(key)) return key
  return key.right.accountId === ctx.caller.accountId && key.right.region === s.deployment.region ? key : E.left(keyNotFound(ref))
}
