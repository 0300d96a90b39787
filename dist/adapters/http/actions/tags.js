import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, missingParameter } from "../../../domain/errors.js";
import { indexesOf, optionalBoolean, repeatList, requiredString } from "../wire/fields.js";
import { tagKeys, tags } from "../wire/structured.js";
import { done, fields, keyRequest } from "./action.js";
import { onKey } from "./keys.js";
import { resolveKey } from "../../../application/access/key-access.js";
import { isTagResourcesToken } from "../../readstore/key-catalogue-query.js";
// Tags (API reference §1.3 "Tags", §5.6; S-3.2–S-3.6). One key (TagResource) or several at once
// (TagResources: every key checked first, then each appended: KeyService.executeMany).
const MAX_RESOURCES = 50; // API reference §5.6: TagResources takes up to 50 ResourceIds
/** Only keys are resources here: secrets and certificates are not managed by this service. */
const onlyKeys = (p) => {
    for (const name of ['SecretName', 'CertificateId'])
        if (p.get(name))
            return E.left(invalidParameter(name, 'This service tags keys only; use KeyId.'));
    return E.right(undefined);
};
const now = (ctx) => ctx.command.now.toISOString();
/** RegionId must be this region, ResourceType `key`, ResourceId.N 1–50 entries. */
const batch = (ctx, s, max = MAX_RESOURCES) => {
    const p = ctx.params;
    const f = fields({ region: requiredString(p, 'RegionId'), type: requiredString(p, 'ResourceType'), ids: repeatList(p, 'ResourceId', max) });
    if (E.isLeft(f))
        return f;
    if (f.right.region !== s.deployment.region)
        return E.left(invalidParameter('RegionId', `This service serves ${s.deployment.region}.`));
    if (f.right.type.toLowerCase() !== 'key')
        return E.left(invalidParameter('ResourceType', 'This service tags keys only (ResourceType key).'));
    return E.right(f.right.ids);
};
const resolveAll = async (ctx, s, refs) => {
    const ids = [];
    for (const ref of refs) {
        const key = await resolveKey(keyRequest(ctx, s), s.keys, ref, { alias: false, name: 'ResourceId' });
        if (E.isLeft(key))
            return key;
        if (!ids.includes(key.right.keyId))
            ids.push(key.right.keyId);
    }
    return E.right(ids);
};
const tagResources = async (ctx, s) => {
    const f = fields({ refs: batch(ctx, s), tags: tags(ctx.params, 'Tags') });
    if (E.isLeft(f))
        return f;
    if (f.right.refs.length === 0)
        return E.left(missingParameter('ResourceId.1'));
    if (!f.right.tags || f.right.tags.length === 0)
        return E.left(missingParameter('Tag.1.Key'));
    const ids = await resolveAll(ctx, s, f.right.refs);
    if (E.isLeft(ids))
        return ids;
    const r = await s.keys.executeMany(ids.right, { type: 'TagKey', now: now(ctx), tags: f.right.tags }, ctx.command);
    return E.isLeft(r) ? r : done;
};
const untagResources = async (ctx, s) => {
    const f = fields({ refs: batch(ctx, s), keys: tagKeys(ctx.params, 'TagKeys'), all: optionalBoolean(ctx.params, 'All') });
    if (E.isLeft(f))
        return f;
    if (f.right.refs.length === 0)
        return E.left(missingParameter('ResourceId.1'));
    const ids = await resolveAll(ctx, s, f.right.refs);
    if (E.isLeft(ids))
        return ids;
    let keys = f.right.keys ?? [];
    if (keys.length === 0) {
        // API reference §5.6: All=true removes every tag, and only applies when no TagKey is given.
        if (!f.right.all)
            return E.left(missingParameter('TagKey.1'));
        const everyKey = new Set();
        for (const id of ids.right) {
            const k = await s.keys.load(id);
            if (E.isRight(k))
                for (const t of Object.keys(k.right.tags))
                    everyKey.add(t);
        }
        keys = [...everyKey];
    }
    const r = await s.keys.executeMany(ids.right, { type: 'UntagKey', now: now(ctx), tagKeys: keys }, ctx.command);
    return E.isLeft(r) ? r : done;
};
/** ListTagResources `Tag.N.Key` (required per entry) and `Tag.N.Value` (optional: any value). */
const tagFilters = (p) => {
    const idx = indexesOf(p, 'Tag', /^([1-9][0-9]{0,3})\.(?:Key|Value)$/);
    if (E.isLeft(idx))
        return idx;
    if (idx.right.length > 20)
        return E.left(invalidParameter('Tag', 'At most 20 tags.'));
    const out = [];
    for (const i of idx.right) {
        const key = p.get(`Tag.${i}.Key`);
        if (!key)
            return E.left(missingParameter(`Tag.${i}.Key`));
        const value = p.get(`Tag.${i}.Value`);
        out.push(value === undefined ? { key } : { key, value });
    }
    return E.right(out);
};
/**
 * ListTagResources from the key catalogue: the tags of the named keys (or of every key of the caller's account),
 * only keys carrying every `Tag.N` filter; 200 rows a page (API reference §5.6), NextToken opaque.
 */
const listTagResources = async (ctx, s) => {
    const token = ctx.params.get('NextToken') ?? '';
    const f = fields({ refs: batch(ctx, s), tags: tagFilters(ctx.params) });
    if (E.isLeft(f))
        return f;
    if (token !== '' && !isTagResourcesToken(token))
        return E.left(invalidParameter('NextToken'));
    const ids = await resolveAll(ctx, s, f.right.refs);
    if (E.isLeft(ids))
        return ids;
    const page = await s.readModels.catalogue.listTagResources({
        accountId: ctx.caller.accountId, region: s.deployment.region, keyIds: ids.right, tags: f.right.tags, nextToken: token, pageSize: 200,
    });
    return E.right({
        NextToken: page.nextToken,
        TagResources: { TagResource: page.rows.map((r) => ({ ResourceId: r.ResourceId, ResourceType: 'key', TagKey: r.TagKey, TagValue: r.TagValue })) },
    });
};
/** TagResource / UntagResource: one key (no SecretName or CertificateId), and a non-empty list in `param`. */
const onOneKey = (param, read, command) => async (ctx, s) => {
    const only = onlyKeys(ctx.params);
    if (E.isLeft(only))
        return only;
    return onKey((c) => {
        const list = read(c.params, param);
        if (E.isLeft(list))
            return list;
        return list.right && list.right.length > 0 ? E.right(command(c, list.right)) : E.left(missingParameter(param));
    })(ctx, s);
};
export const tagActions = {
    TagResource: onOneKey('Tags', tags, (c, list) => ({ type: 'TagKey', now: now(c), tags: list })),
    UntagResource: onOneKey('TagKeys', tagKeys, (c, list) => ({ type: 'UntagKey', now: now(c), tagKeys: list })),
    ListResourceTags: async (ctx, s) => {
        const ref = requiredString(ctx.params, 'KeyId');
        if (E.isLeft(ref))
            return ref;
        const key = await resolveKey(keyRequest(ctx, s), s.keys, ref.right, { alias: false });
        if (E.isLeft(key))
            return key;
        const tagList = Object.entries(key.right.tags).sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([TagKey, TagValue]) => ({ KeyId: key.right.keyId, TagKey, TagValue }));
        return E.right({ Tags: { Tag: tagList } });
    },
    TagResources: tagResources,
    UntagResources: untagResources,
    ListTagResources: listTagResources,
};
