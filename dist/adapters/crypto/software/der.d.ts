export interface Tlv {
    readonly tag: number;
    readonly value: Buffer;
    readonly end: number;
}
export declare const tlv: (tag: number, value: Buffer) => Buffer;
/** A non-negative INTEGER: minimal, with a leading zero when the top bit is set. */
export declare const derInteger: (n: bigint) => Buffer;
export declare const derSequence: (...items: Buffer[]) => Buffer;
export declare const derOctetString: (b: Buffer) => Buffer;
/** Reads one TLV at `offset`; undefined when the bytes are not minimal DER or run past the end. */
export declare const readTlv: (buf: Buffer, offset: number) => Tlv | undefined;
/** The items of a SEQUENCE that fills `buf` exactly. */
export declare const parseSequence: (buf: Buffer) => Tlv[] | undefined;
/** A non-negative INTEGER in minimal form. */
export declare const parseUnsignedInteger: (item: Tlv | undefined) => bigint | undefined;
export declare const bigintToBuffer: (n: bigint, length: number) => Buffer;
export declare const bufferToBigint: (b: Buffer) => bigint;
/** (r, s) as DER `ECDSA-Sig-Value`, the form Alibaba returns for ECDSA and SM2DSA. */
export declare const encodeSignature: (r: bigint, s: bigint) => Buffer;
export declare const decodeSignature: (sig: Buffer) => {
    r: bigint;
    s: bigint;
} | undefined;
