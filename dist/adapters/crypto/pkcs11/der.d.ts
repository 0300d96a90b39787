/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs DigestInfo ‖ digest. */
export declare const SHA256_DIGEST_INFO: Buffer<ArrayBuffer>;
/** CKA_EC_PARAMS: the curve OIDs, DER-encoded. */
export declare const EC_PARAMS: {
    readonly EC_P256: Buffer<ArrayBuffer>;
    readonly EC_P256K: Buffer<ArrayBuffer>;
};
/** SubjectPublicKeyInfo up to the BIT STRING's unused-bits byte, for an uncompressed 65-byte point. */
export declare const EC_SPKI_PREFIX: {
    readonly EC_P256: Buffer<ArrayBuffer>;
    readonly EC_P256K: Buffer<ArrayBuffer>;
};
/** CKM_ECDSA answers r ‖ s; Alibaba's Sign returns the DER SEQUENCE { r, s } (X9.62). */
export declare const ecdsaRawToDer: (raw: Buffer) => Buffer;
/** DER SEQUENCE { r, s } → r ‖ s of `size`-byte halves, or null when the encoding is not strict DER. */
export declare const ecdsaDerToRaw: (der: Buffer, size: number) => Buffer | null;
/**
 * CKA_EC_POINT is a DER OCTET STRING around the uncompressed point (`04 41 04‖X‖Y`, platform notes §1.3); some
 * modules return the bare point. Returns the 65-byte point or null.
 */
export declare const ecPointFromAttribute: (value: Buffer) => Buffer | null;
