import * as t from 'io-ts';
import { refinedString } from "./decode.js";
// S-3.2: at most 128 characters of letters, digits, / \ _ - . + = : @ and space.
const TAG_TEXT = /^[A-Za-z0-9/\\_\-.+=:@ ]*$/;
// S-3.3: tag keys beginning with `aliyun` or `acs:` are reserved for the cloud.
const RESERVED_TAG_KEY = /^(aliyun|acs:)/i;
export const MAX_TAGS_PER_KEY = 20; // S-3.4
export const TagKey = refinedString('TagKey', (s) => s.length >= 1 && s.length <= 128 && TAG_TEXT.test(s) && !RESERVED_TAG_KEY.test(s), 'S-3.2/S-3.3: a tag key is 1 to 128 letters, digits, spaces or / \\ _ - . + = : @, and must not begin with aliyun or acs:');
export const TagValue = refinedString('TagValue', (s) => s.length <= 128 && TAG_TEXT.test(s), 'S-3.2: a tag value is at most 128 letters, digits, spaces or / \\ _ - . + = : @');
export const Tag = t.type({ TagKey, TagValue });
/** A list of tags as the API sends it: at most 20 (S-3.4), each key at most once. */
export const TagList = new t.Type('TagList', (u) => Array.isArray(u) && u.every(Tag.is), (u, c) => {
    if (!Array.isArray(u))
        return t.failure(u, c, 'tags are a JSON array of {"TagKey","TagValue"}');
    if (u.length > MAX_TAGS_PER_KEY)
        return t.failure(u, c, `S-3.4: at most ${MAX_TAGS_PER_KEY} tags per key`);
    const tags = [];
    for (const item of u) {
        const r = Tag.validate(item, c);
        if (r._tag === 'Left')
            return r;
        if (tags.some((x) => x.TagKey === r.right.TagKey))
            return t.failure(u, c, `tag key ${r.right.TagKey} appears twice`);
        tags.push(r.right);
    }
    return t.success(tags);
}, (a) => a);
