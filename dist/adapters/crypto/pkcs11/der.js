// The few DER shapes the token and the API disagree on. Parsing is strict (DER, not BER): a signature that is
// valid only under a lax reading is rejected, as Wycheproof's ECDSA vectors require.
/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs DigestInfo ‖ digest. */
export const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
/** CKA_EC_PARAMS: the curve OIDs, DER-encoded. */
export const EC_PARAMS = {
    EC_P256: Buffer.from('06082a8648ce3d030107', 'hex'), // prime256v1
    EC_P256K: Buffer.from('06052b8104000a', 'hex'), // secp256k1
};
/** SubjectPublicKeyInfo up to the BIT STRING's unused-bits byte, for an uncompressed 65-byte point. */
export const EC_SPKI_PREFIX = {
    EC_P256: Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'),
    EC_P256K: Buffer.from('3056301006072a8648ce3d020106052b8104000a034200', 'hex'),
};
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const SEQUENCE = 0x30;
/** Reads one DER length at `at`; returns [length, bytes used] or null for non-minimal or truncated forms. */
const readLength = (b, at) => {
    const first = b[at];
    if (first === undefined)
        return null;
    if (first < 0x80)
        return [first, 1];
    const n = first & 0x7f;
    if (n === 0 || n > 2 || at + n >= b.length)
        return null;
    let len = 0;
    for (let i = 1; i <= n; i++)
        len = len * 256 + (b[at + i] ?? 0);
    if (len < 0x80 || (n === 2 && len < 0x100))
        return null; // not minimal
    return [len, 1 + n];
};
const encodeLength = (n) => n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
const tlv = (tag, body) => Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
/** A non-negative big-endian integer as a minimal DER INTEGER. */
const derInteger = (magnitude) => {
    let i = 0;
    while (i < magnitude.length - 1 && magnitude[i] === 0)
        i++;
    const trimmed = magnitude.subarray(i);
    return tlv(INTEGER, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
};
/** CKM_ECDSA answers r ‖ s; Alibaba's Sign returns the DER SEQUENCE { r, s } (X9.62). */
export const ecdsaRawToDer = (raw) => {
    const half = raw.length / 2;
    return tlv(SEQUENCE, Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]));
};
/** Reads a strict DER INTEGER that must be positive and fit in `size` bytes; returns it left-padded. */
const readPositiveInteger = (b, at, size) => {
    if (b[at] !== INTEGER)
        return null;
    const len = readLength(b, at + 1);
    if (!len)
        return null;
    const start = at + 1 + len[1];
    const end = start + len[0];
    if (len[0] === 0 || end > b.length)
        return null;
    const body = b.subarray(start, end);
    const first = body[0] ?? 0;
    if (first & 0x80)
        return null; // negative
    if (first === 0 && body.length > 1 && !((body[1] ?? 0) & 0x80))
        return null; // not minimal
    const magnitude = first === 0 && body.length > 1 ? body.subarray(1) : body;
    if (magnitude.length > size)
        return null;
    const out = Buffer.alloc(size);
    magnitude.copy(out, size - magnitude.length);
    return [out, end];
};
/** DER SEQUENCE { r, s } → r ‖ s of `size`-byte halves, or null when the encoding is not strict DER. */
export const ecdsaDerToRaw = (der, size) => {
    if (der[0] !== SEQUENCE)
        return null;
    const len = readLength(der, 1);
    if (!len || 1 + len[1] + len[0] !== der.length)
        return null;
    const r = readPositiveInteger(der, 1 + len[1], size);
    if (!r)
        return null;
    const s = readPositiveInteger(der, r[1], size);
    if (!s || s[1] !== der.length)
        return null;
    return Buffer.concat([r[0], s[0]]);
};
/**
 * CKA_EC_POINT is a DER OCTET STRING around the uncompressed point (`04 41 04‖X‖Y`, platform notes §1.3); some
 * modules return the bare point. Returns the 65-byte point or null.
 */
export const ecPointFromAttribute = (value) => {
    if (value.length === 65 && value[0] === 0x04)
        return value;
    if (value[0] !== OCTET_STRING)
        return null;
    const len = readLength(value, 1);
    if (!len || 1 + len[1] + len[0] !== value.length)
        return null;
    const point = value.subarray(1 + len[1]);
    return point.length === 65 && point[0] === 0x04 ? point : null;
};
