// Just enough DER for ECDSA/SM2 signatures (SEQUENCE of two INTEGERs), SM2 ciphertexts (GB/T 35276:
// SEQUENCE { INTEGER x, INTEGER y, OCTET STRING hash, OCTET STRING ciphertext }) and reading PKCS#8 EC keys.
// The reader is strict: definite minimal lengths only, and `parseSequence` callers re-encode and compare, so a
// BER-encoded or padded value is refused (Wycheproof's "BerEncodedSignature" and "MissingZero" cases).
const encodeLength = (n) => {
    if (n < 0x80)
        return Buffer.from([n]);
    const bytes = [];
    for (let v = n; v > 0; v = Math.floor(v / 256))
        bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
};
export const tlv = (tag, value) => Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
/** A non-negative INTEGER: minimal, with a leading zero when the top bit is set. */
export const derInteger = (n) => {
    let hex = n.toString(16);
    if (hex.length % 2)
        hex = '0' + hex;
    let bytes = Buffer.from(hex, 'hex');
    if (bytes[0] & 0x80)
        bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return tlv(0x02, bytes);
};
export const derSequence = (...items) => tlv(0x30, Buffer.concat(items));
export const derOctetString = (b) => tlv(0x04, b);
/** Reads one TLV at `offset`; undefined when the bytes are not minimal DER or run past the end. */
export const readTlv = (buf, offset) => {
    if (offset + 2 > buf.length)
        return undefined;
    const tag = buf[offset];
    let len = buf[offset + 1];
    let p = offset + 2;
    if (len & 0x80) {
        const count = len & 0x7f;
        if (count === 0 || count > 4 || p + count > buf.length)
            return undefined;
        len = 0;
        for (let i = 0; i < count; i++)
            len = len * 256 + buf[p + i];
        if (len < 0x80 || buf[p] === 0)
            return undefined; // not the minimal length form
        p += count;
    }
    if (p + len > buf.length)
        return undefined;
    return { tag, value: buf.subarray(p, p + len), end: p + len };
};
/** The items of a SEQUENCE that fills `buf` exactly. */
export const parseSequence = (buf) => {
    const seq = readTlv(buf, 0);
    if (!seq || seq.tag !== 0x30 || seq.end !== buf.length)
        return undefined;
    const items = [];
    for (let p = 0; p < seq.value.length;) {
        const item = readTlv(seq.value, p);
        if (!item)
            return undefined;
        items.push(item);
        p = item.end;
    }
    return items;
};
/** A non-negative INTEGER in minimal form. */
export const parseUnsignedInteger = (item) => {
    if (!item || item.tag !== 0x02 || item.value.length === 0)
        return undefined;
    const v = item.value;
    if (v[0] & 0x80)
        return undefined; // negative
    if (v.length > 1 && v[0] === 0 && !(v[1] & 0x80))
        return undefined; // superfluous leading zero
    return BigInt('0x' + v.toString('hex'));
};
export const bigintToBuffer = (n, length) => Buffer.from(n.toString(16).padStart(length * 2, '0'), 'hex');
export const bufferToBigint = (b) => (b.length === 0 ? 0n : BigInt('0x' + b.toString('hex')));
/** (r, s) as DER `ECDSA-Sig-Value`, the form Alibaba returns for ECDSA and SM2DSA. */
export const encodeSignature = (r, s) => derSequence(derInteger(r), derInteger(s));
export const decodeSignature = (sig) => {
    const items = parseSequence(sig);
    if (!items || items.length !== 2)
        return undefined;
    const r = parseUnsignedInteger(items[0]);
    const s = parseUnsignedInteger(items[1]);
    if (r === undefined || s === undefined)
        return undefined;
    return encodeSignature(r, s).equals(sig) ? { r, s } : undefined;
};
