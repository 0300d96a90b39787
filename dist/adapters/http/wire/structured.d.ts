import { type Tag } from '../../../domain/values/tags.ts';
import { type Decoded } from './fields.ts';
import type { Params } from './params.ts';
export declare const MAX_ENCRYPTION_CONTEXT_CHARS = 8192;
/** EncryptionContext: a JSON object of string → string, or `EncryptionContext.<k>=<v>` parameters. */
export declare const encryptionContext: (p: Params, name?: string) => Decoded<Record<string, string> | undefined>;
/**
 * Tags: `Tags=[{"TagKey":"k","TagValue":"v"}]` (CreateKey, TagResource), or `Tag.N.Key`/`Tag.N.Value` (TagResources,
 * 3.x repeat list), or `Tag.N.TagKey`/`Tag.N.TagValue`. Absent → undefined.
 */
export declare const tags: (p: Params, jsonName?: string) => Decoded<Tag[] | undefined>;
/** TagKeys: a JSON array of strings, a comma-separated list (API reference §5.6), or `TagKey.N`. */
export declare const tagKeys: (p: Params, jsonName?: string) => Decoded<string[] | undefined>;
