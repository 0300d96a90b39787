import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../errors.ts';
export declare const MAX_ENCRYPTION_CONTEXT_CHARS = 8192;
export interface EncryptionContextBrand {
    readonly EncryptionContext: unique symbol;
}
/** Counted as the JSON text the caller sends (`{"k":"v",…}`), the form the 8,192-character limit is written for. */
export declare const encryptionContextChars: (ctx: Readonly<Record<string, string>>) => number;
export declare const EncryptionContext: t.BrandC<t.RecordC<t.StringC, t.StringC>, EncryptionContextBrand>;
export type EncryptionContext = t.TypeOf<typeof EncryptionContext>;
export declare const emptyEncryptionContext: EncryptionContext;
/**
 * Decodes a context given as an object or as its JSON text (3.x sends JSON; 1.2.0 sends `EncryptionContext.k=v`
 * pairs that the HTTP layer gathers into an object). Absent (undefined, null, '') is the empty context.
 */
export declare const decodeEncryptionContext: (u: unknown, name?: string) => E.Either<KmsError, EncryptionContext>;
/**
 * Canonical bytes: the pairs sorted by the UTF-8 bytes of their keys, each key and value written with a 4-byte
 * big-endian length. Length prefixes make the encoding injective (no choice of keys and values can collide with
 * another), and sorting makes it order-free. The empty context encodes as zero pairs.
 */
export declare const canonicalEncryptionContext: (ctx: Readonly<Record<string, string>>) => Buffer;
