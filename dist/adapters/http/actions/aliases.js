import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../../../domain/errors.js";
import { AliasName } from "../../../domain/values/alias.js";
import { paging, requiredString } from "../wire/fields.js";
import { done, fields, keyRequest } from "./action.js";
import { resolveAliasTarget, resolveKey } from "../../../application/access/key-access.js";
// Aliases (API reference §1.3 "Aliases", §5.5): unique per account and region through the alias stream.
const aliasName = (p) => {
    const v = requiredString(p, 'AliasName');
    if (E.isLeft(v))
        return v;
    return AliasName.is(v.right)
        ? E.right(v.right)
        : E.left(invalidParameter('AliasName', 'S-3.1: alias/ followed by 1 to 255 letters, digits, _, - or /, not beginning with alias/acs.'));
};
const bind = (type) => async (ctx, s) => {
    const f = fields({ alias: aliasName(ctx.params), ref: requiredString(ctx.params, 'KeyId') });
    if (E.isLeft(f))
        return f;
    const key = await resolveKey(keyRequest(ctx, s), s.keys, f.right.ref, { alias: false, ownAccountOnly: true });
    if (E.isLeft(key))
        return key;
    if (type === 'UpdateAlias') {
        // Moving an alias changes what its users reach on the key it leaves too: the caller needs the right there.
        const current = await resolveKey(keyRequest(ctx, s), s.keys, f.right.alias, { alias: true });
        if (E.isLeft(current))
            return current;
    }
    const r = await s.keys.alias({ type, alias: f.right.alias, keyId: key.right.keyId, accountId: ctx.caller.accountId, region: s.deployment.region }, ctx.command);
    return E.isLeft(r) ? r : done;
};
const listed = (r, page) => ({
    Aliases: { Alias: r.aliases.map((a) => ({ AliasArn: a.AliasArn, AliasName: a.AliasName, KeyId: a.KeyId })) },
    PageNumber: page.pageNumber, PageSize: page.pageSize, TotalCount: r.totalCount,
});
export const aliasActions = {
    CreateAlias: bind('CreateAlias'),
    UpdateAlias: bind('UpdateAlias'),
    DeleteAlias: async (ctx, s) => {
        const alias = aliasName(ctx.params);
        if (E.isLeft(alias))
            return alias;
        // Authorized on the key the alias points to, or on a deleted one by the caller's own grants (key-access.ts).
        const authorized = await resolveAliasTarget(keyRequest(ctx, s), s.keys, alias.right);
        if (E.isLeft(authorized))
            return authorized;
        const r = await s.keys.alias({ type: 'DeleteAlias', alias: alias.right, accountId: ctx.caller.accountId, region: s.deployment.region }, ctx.command);
        return E.isLeft(r) ? r : done;
    },
    // Both listings come from the key catalogue (read model), by name.
    ListAliases: async (ctx, s) => {
        const page = paging(ctx.params);
        if (E.isLeft(page))
            return page;
        const r = await s.readModels.catalogue.listAliases({ accountId: ctx.caller.accountId, region: s.deployment.region, ...page.right });
        return E.right(listed(r, page.right));
    },
    ListAliasesByKeyId: async (ctx, s) => {
        const f = fields({ ref: requiredString(ctx.params, 'KeyId'), page: paging(ctx.params) });
        if (E.isLeft(f))
            return f;
        const key = await resolveKey(keyRequest(ctx, s), s.keys, f.right.ref, { alias: false });
        if (E.isLeft(key))
            return key;
        // The key's own account holds its aliases (the caller may be another account's user, S-5.2).
        return E.right(listed(await s.readModels.catalogue.listAliasesByKeyId({ keyId: key.right.keyId, ...f.right.page }), f.right.page));
    },
};
