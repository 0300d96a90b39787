import * as E from 'fp-ts/lib/Either.js'
import { invalidParameter } from '../../../domain/errors.ts'
import { AliasName } from '../../../domain/values/alias.ts'
import { aliasArn } from '../../../domain/values/arn.ts'
import { scanAliases, type ListedAlias } from '../catalogue/alias-listing.ts'
import { paging, requiredString, type Decoded } from '../wire/fields.ts'
import type { Params } from '../wire/params.ts'
import { done, fields, type ActionContext, type ActionHandler, type ActionTable, type ApiServices } from './action.ts'
import { resolveKey } from './key-ref.ts'

// Aliases (API reference §1.3 "Aliases", §5.5): unique per account and region through the alias stream.

const aliasName = (p: Params): Decoded<string> => {
  const v = requiredString(p, 'AliasName')
  if (E.isLeft(v)) return v
  return AliasName.is(v.right)
    ? E.right(v.right)
    : E.left(invalidParameter('AliasName', 'S-3.1: alias/ followed by 1 to 255 letters, digits, _, - or /, not beginning with alias/acs.'))
}

const bind = (type: 'CreateAlias' | 'UpdateAlias'): ActionHandler => async (ctx, s) => {
  const f = fields({ alias: aliasName(ctx.params), ref: requiredString(ctx.params, 'KeyId') })
  if (E.isLeft(f)) return f
  const key = await resolveKey(ctx, s, f.right.ref, { alias: false })
  if (E.isLeft(key)) return key
  const r = await s.keys.alias({ type, alias: f.right.alias, keyId: key.right.keyId, accountId: ctx.caller.accountId, region: s.deployment.region }, ctx.command)
  return E.isLeft(r) ? r : done
}

const listed = (ctx: ActionContext, s: ApiServices, all: ListedAlias[], page: { pageNumber: number; pageSize: number }) => ({
  Aliases: {
    Alias: all.slice((page.pageNumber - 1) * page.pageSize, page.pageNumber * page.pageSize).map((a) => ({
      AliasArn: aliasArn(s.deployment.region, ctx.caller.accountId, a.alias), AliasName: a.alias, KeyId: a.keyId,
    })),
  },
  PageNumber: page.pageNumber, PageSize: page.pageSize, TotalCount: all.length,
})

export const aliasActions: ActionTable = {
  CreateAlias: bind('CreateAlias'),
  UpdateAlias: bind('UpdateAlias'),
  DeleteAlias: async (ctx, s) => {
    const alias = aliasName(ctx.params)
    if (E.isLeft(alias)) return alias
    const r = await s.keys.alias({ type: 'DeleteAlias', alias: alias.right, accountId: ctx.caller.accountId, region: s.deployment.region }, ctx.command)
    return E.isLeft(r) ? r : done
  },
  ListAliases: async (ctx, s) => {
    const page = paging(ctx.params)
    if (E.isLeft(page)) return page
    return E.right(listed(ctx, s, await scanAliases(s.store, ctx.caller.accountId, s.deployment.region), page.right))
  },
  ListAliasesByKeyId: async (ctx, s) => {
    const f = fields({ ref: requiredString(ctx.params, 'KeyId'), page: paging(ctx.params) })
    if (E.isLeft(f)) return f
    const key = await resolveKey(ctx, s, f.right.ref, { alias: false })
    if (E.isLeft(key)) return key
    const all = (await scanAliases(s.store, ctx.caller.accountId, s.deployment.region)).filter((a) => a.keyId === key.right.keyId)
    return E.right(listed(ctx, s, all, f.right.page))
  },
}
