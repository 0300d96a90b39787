import * as E from 'fp-ts/lib/Either.js';
import { KeyId, isUuid } from "../../domain/values/key-id.js";
import { invalidCiphertext } from "../../domain/crypto-errors.js";
import { IV_BYTES, TAG_BYTES } from "./software/symmetric.js";
// The ciphertext blob (docs/architecture.md §5), versioned and self-describing, then Base64:
//   format (1 byte = 0x01) ‖ len(keyId) (1) ‖ keyId (ASCII) ‖ len(versionId) (1) ‖ versionId (ASCII)
//   ‖ len(IV) (1) ‖ IV ‖ len(tag) (1) ‖ tag ‖ ciphertext (the rest)
// Lengths are written although format 1 fixes IV = 12 and tag = 16 bytes, so a reader can refuse a blob whose
// lengths disagree instead of misreading it. The header (everything before the IV) is part of the AAD, so a
// blob whose key or version id was edited does not decrypt even under a key with the same material.
// Alibaba's own format is undocumented (API reference §5.8): any opaque self-describing format is compatible.
// The bytes, the AAD and a vector a spec pins: docs/audit-format.md §2.
export const BLOB_FORMAT_V1 = 0x01;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const header = (keyId, versionId) => {
    const k = Buffer.from(keyId, 'ascii');
    const v = Buffer.from(versionId, 'ascii');
    return Buffer.concat([Buffer.from([BLOB_FORMAT_V1, k.length]), k, Buffer.from([v.length]), v]);
};
export const encodeBlob = (blob) => Buffer.concat([
    header(blob.keyId, blob.versionId),
    Buffer.from([blob.sealed.iv.length]), blob.sealed.iv,
    Buffer.from([blob.sealed.tag.length]), blob.sealed.tag,
    blob.sealed.ciphertext,
]).toString('base64');
/** Never throws: every malformed input is `InvalidCiphertext` (400). */
export const decodeBlob = (text) => {
    const bad = E.left(invalidCiphertext('The CiphertextBlob is malformed.'));
    if (typeof text !== 'string' || text.length === 0 || !BASE64.test(text))
        return bad;
    const b = Buffer.from(text, 'base64');
    let p = 0;
    const take = (n) => (p + n <= b.length ? b.subarray(p, (p += n)) : undefined);
    const byte = () => take(1)?.[0];
    if (byte() !== BLOB_FORMAT_V1)
        return bad;
    const keyLen = byte();
    const keyId = keyLen === undefined ? undefined : take(keyLen)?.toString('latin1');
    const verLen = byte();
    const versionId = verLen === undefined ? undefined : take(verLen)?.toString('latin1');
    if (!keyId || !KeyId.is(keyId) || !versionId || !isUuid(versionId))
        return bad;
    if (byte() !== IV_BYTES)
        return bad;
    const iv = take(IV_BYTES);
    if (byte() !== TAG_BYTES)
        return bad;
    const tag = take(TAG_BYTES);
    if (!iv || !tag)
        return bad;
    return E.right({ keyId, versionId, sealed: { iv: Buffer.from(iv), tag: Buffer.from(tag), ciphertext: Buffer.from(b.subarray(p)) } });
};
export const blobFormat = {
    encode: encodeBlob,
    decode: decodeBlob,
    aad: (keyId, versionId, canonicalContext) => Buffer.concat([header(keyId, versionId), canonicalContext]),
};
