import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter } from "../errors.js";
// EncryptionContext (API reference §5.10): a JSON object of string → string only, at most 8,192 characters in
// all, bound to the ciphertext as AAD and never stored in it. An equivalent context (same pairs, any order) must
// be given to decrypt, so the AAD is a canonical encoding that does not depend on the order of the pairs.
export const MAX_ENCRYPTION_CONTEXT_CHARS = 8192;
const StringMap = t.record(t.string, t.string);
/** Counted as the JSON text the caller sends (`{"k":"v",…}`), the form the 8,192-character limit is written for. */
export const encryptionContextChars = (ctx) => JSON.stringify(ctx).length;
export const EncryptionContext = t.brand(StringMap, (m) => Object.getPrototypeOf(m) === Object.prototype && encryptionContextChars(m) <= MAX_ENCRYPTION_CONTEXT_CHARS, 'EncryptionContext');
/** With the u flag a paired surrogate is one code point, so only a lone (ill-formed) one matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
export const emptyEncryptionContext = {};
/**
 * Decodes a context given as an object or as its JSON text (3.x sends JSON; 1.2.0 sends `EncryptionContext.k=v`
 * pairs that the HTTP layer gathers into an object). Absent (undefined, null, '') is the empty context.
 */
export const decodeEncryptionContext = (u, name = 'EncryptionContext') => {
    if (u === undefined || u === null || u === '')
        return E.right(emptyEncryptionContext);
    let value = u;
    if (typeof u === 'string') {
        try {
            value = JSON.parse(u);
        }
        catch {
            return E.left(invalidParameter(name, 'it must be a JSON object of string values'));
        }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return E.left(invalidParameter(name, 'it must be a JSON object of string values'));
    const decoded = EncryptionContext.decode(value);
    if (E.isRight(decoded)) {
        // UTF-8 has no bytes for a lone surrogate: Buffer.from writes U+FFFD for each, so "\ud800" and "\udfff" would
        // bind the same AAD and one would decrypt what the other encrypted. Such strings are refused instead
        // (issue 13, finding 6). Ciphertexts encrypted before with one still decrypt with U+FFFD in its place, which
        // is exactly what was bound.
        const ill = Object.entries(decoded.right).some(([k, v]) => LONE_SURROGATE.test(k) || LONE_SURROGATE.test(v));
        return ill ? E.left(invalidParameter(name, 'keys and values must be well-formed Unicode (no lone surrogate \\uD800–\\uDFFF)')) : decoded;
    }
    return E.left(invalidParameter(name, StringMap.is(value)
        ? `it must not exceed ${MAX_ENCRYPTION_CONTEXT_CHARS} characters`
        : 'every value must be a string (no numbers, arrays or nested objects)'));
};
/**
 * Canonical bytes: the pairs sorted by the UTF-8 bytes of their keys, each key and value written with a 4-byte
 * big-endian length. Length prefixes make the encoding injective (no choice of keys and values can collide with
 * another), and sorting makes it order-free. The empty context encodes as zero pairs.
 */
export const canonicalEncryptionContext = (ctx) => {
    const pairs = Object.entries(ctx)
        .map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')])
        .sort((a, b) => Buffer.compare(a[0], b[0]));
    const parts = [Buffer.from('keyledger-ec/v1\0'), u32(pairs.length)];
    for (const [k, v] of pairs)
        parts.push(u32(k.length), k, u32(v.length), v);
    return Buffer.concat(parts);
};
const u32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
};
