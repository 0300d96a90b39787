import * as E from 'fp-ts/lib/Either.js'
import { notFound } from '../../../domain/errors.ts'
import type { KeyCommand } from '../../../domain/key/index.ts'
import { parseKeyPolicy } from '../../../domain/values/key-policy.ts'
import { requiredString, type Decoded } from '../wire/fields.ts'
import type { Params } from '../wire/params.ts'
import type { ActionTable } from './action.ts'
import { onKey } from './keys.ts'
import { resolveKey } from './key-ref.ts'

// GetKeyPolicy / SetKeyPolicy (API reference §5.12): one policy per key, named `default`.

const policyName = (p: Params): Decoded<void> => {
  const name = p.get('PolicyName')
  return name === undefined || name === '' || name === 'default'
    ? E.right(undefined)
    : E.left(notFound('Forbidden.ResourceNotFound', `The key policy ${name} is not found; a key has one policy, named default.`))
}

export const policyActions: ActionTable = {
  GetKeyPolicy: async (ctx, s) => {
    const ref = requiredString(ctx.params, 'KeyId')
    if (E.isLeft(ref)) return ref
    const name = policyName(ctx.params)
    if (E.isLeft(name)) return name
    const key = await resolveKey(ctx, s, ref.right, { alias: false })
    return E.isLeft(key) ? key : E.right({ Policy: key.right.policy })
  },
  SetKeyPolicy: onKey((ctx): Decoded<KeyCommand> => {
    const name = policyName(ctx.params)
    if (E.isLeft(name)) return name
    const text = requiredString(ctx.params, 'Policy')
    if (E.isLeft(text)) return text
    const policy = parseKeyPolicy(text.right)
    return E.isLeft(policy) ? policy : E.right({ type: 'SetKeyPolicy', now: ctx.command.now.toISOString(), policy: JSON.stringify(policy.right) })
  }),
}
