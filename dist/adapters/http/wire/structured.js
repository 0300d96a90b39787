import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../../../domain/errors.js";
import { TagKey, TagList } from "../../../domain/values/tags.js";
import { indexesOf, repeatList } from "./fields.js";
// Maps and lists arrive in two generations of wire form (API reference §0, §2): JSON text (3.x SDKs, docs,
// other SDKs) or flattened parameters (npm 1.2.0, repeat lists). Both are decoded to one value; giving both
// forms at once is refused, because there is no honest way to merge them.
const parseJson = (text, name) => {
    try {
        return E.right(JSON.parse(text));
    }
    catch {
        return E.left(invalidParameter(name, 'The value is not valid JSON.'));
    }
};
const flattenedKeys = (p, prefix) => [...p.keys()].filter((k) => k.startsWith(`${prefix}.`));
export const MAX_ENCRYPTION_CONTEXT_CHARS = 8_192; // API reference §5.10
/** EncryptionContext: a JSON object of string → string, or `EncryptionContext.<k>=<v>` parameters. */
export const encryptionContext = (p, name = 'EncryptionContext') => {
    const json = p.get(name);
    const flat = flattenedKeys(p, name);
    if (json !== undefined && flat.length > 0)
        return E.left(invalidParameter(name, 'Give it as JSON or as flattened parameters, not both.'));
    let context;
    if (json !== undefined) {
        if (json === '')
            return E.right(undefined);
        if (json.length > MAX_ENCRYPTION_CONTEXT_CHARS)
            return E.left(invalidParameter(name, `At most ${MAX_ENCRYPTION_CONTEXT_CHARS} characters.`));
        const parsed = parseJson(json, name);
        if (E.isLeft(parsed))
            return parsed;
        const u = parsed.right;
        if (typeof u !== 'object' || u === null || Array.isArray(u) || !Object.values(u).every((v) => typeof v === 'string'))
            return E.left(invalidParameter(name, 'Use a JSON object whose values are strings.'));
        context = Object.fromEntries(Object.entries(u));
    }
    else {
        if (flat.length === 0)
            return E.right(undefined);
        context = Object.fromEntries(flat.map((k) => [k.slice(name.length + 1), p.get(k)]));
        if (JSON.stringify(context).length > MAX_ENCRYPTION_CONTEXT_CHARS)
            return E.left(invalidParameter(name, `At most ${MAX_ENCRYPTION_CONTEXT_CHARS} characters.`));
    }
    return E.right(context);
};
const decodeTags = (u, name) => {
    const r = TagList.decode(u);
    return E.isRight(r) ? r : E.left(invalidParameter(name, r.left.find((e) => e.message)?.message ?? 'Use [{"TagKey":"k","TagValue":"v"}].'));
};
/**
 * Tags: `Tags=[{"TagKey":"k","TagValue":"v"}]` (CreateKey, TagResource), or `Tag.N.Key`/`Tag.N.Value` (TagResources,
 * 3.x repeat list), or `Tag.N.TagKey`/`Tag.N.TagValue`. Absent → undefined.
 */
export const tags = (p, jsonName = 'Tags') => {
    const json = p.get(jsonName);
    const indexes = indexesOf(p, 'Tag', /^([1-9][0-9]{0,3})\.(?:Key|Value|TagKey|TagValue)$/);
    if (E.isLeft(indexes))
        return indexes;
    if (json !== undefined && indexes.right.length > 0)
        return E.left(invalidParameter(jsonName, `Give tags as ${jsonName} or as Tag.N, not both.`));
    if (json !== undefined) {
        if (json === '')
            return E.right(undefined);
        const parsed = parseJson(json, jsonName);
        return E.isLeft(parsed) ? parsed : decodeTags(parsed.right, jsonName);
    }
    if (indexes.right.length === 0)
        return E.right(undefined);
    const list = indexes.right.map((i) => ({
        TagKey: p.get(`Tag.${i}.Key`) ?? p.get(`Tag.${i}.TagKey`),
        TagValue: p.get(`Tag.${i}.Value`) ?? p.get(`Tag.${i}.TagValue`) ?? '',
    }));
    const missing = list.findIndex((t) => t.TagKey === undefined);
    if (missing >= 0)
        return E.left(invalidParameter(`Tag.${missing + 1}.Key`, 'Every tag needs a key.'));
    return decodeTags(list, 'Tag');
};
/** TagKeys: a JSON array of strings, a comma-separated list (API reference §5.6), or `TagKey.N`. */
export const tagKeys = (p, jsonName = 'TagKeys') => {
    const text = p.get(jsonName);
    const listed = repeatList(p, 'TagKey', 20);
    if (E.isLeft(listed))
        return listed;
    if (text !== undefined && listed.right.length > 0)
        return E.left(invalidParameter(jsonName, `Give tag keys as ${jsonName} or as TagKey.N, not both.`));
    let keys;
    if (text !== undefined) {
        const trimmed = text.trim();
        if (trimmed.startsWith('[')) {
            const parsed = parseJson(trimmed, jsonName);
            if (E.isLeft(parsed))
                return parsed;
            if (!Array.isArray(parsed.right) || !parsed.right.every((k) => typeof k === 'string'))
                return E.left(invalidParameter(jsonName, 'Use a JSON array of strings or a comma-separated list.'));
            keys = parsed.right;
        }
        else
            keys = trimmed === '' ? [] : trimmed.split(',').map((k) => k.trim());
    }
    else if (listed.right.length > 0)
        keys = listed.right;
    else
        return E.right(undefined);
    // Checked like the keys of tags (S-3.2/S-3.3), so that no key a tag could not have reaches the command.
    const bad = keys.find((k) => !TagKey.is(k));
    if (bad !== undefined)
        return E.left(invalidParameter(jsonName, 'Each tag key is 1 to 128 letters, digits, spaces or / \\ _ - . + = : @, not beginning with aliyun or acs:.'));
    return E.right([...new Set(keys)]);
};
