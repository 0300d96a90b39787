import * as t from 'io-ts';
export declare const MAX_TAGS_PER_KEY = 20;
export interface TagKeyBrand {
    readonly TagKey: unique symbol;
}
export declare const TagKey: t.Type<t.Branded<string, TagKeyBrand>, string, unknown>;
export type TagKey = t.TypeOf<typeof TagKey>;
export interface TagValueBrand {
    readonly TagValue: unique symbol;
}
export declare const TagValue: t.Type<t.Branded<string, TagValueBrand>, string, unknown>;
export type TagValue = t.TypeOf<typeof TagValue>;
export declare const Tag: t.TypeC<{
    TagKey: t.Type<t.Branded<string, TagKeyBrand>, string, unknown>;
    TagValue: t.Type<t.Branded<string, TagValueBrand>, string, unknown>;
}>;
export type Tag = t.TypeOf<typeof Tag>;
/** A list of tags as the API sends it: at most 20 (S-3.4), each key at most once. */
export declare const TagList: t.Type<{
    TagKey: t.Branded<string, TagKeyBrand>;
    TagValue: t.Branded<string, TagValueBrand>;
}[], {
    TagKey: t.Branded<string, TagKeyBrand>;
    TagValue: t.Branded<string, TagValueBrand>;
}[], unknown>;
