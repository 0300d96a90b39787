export declare const ACS3 = "ACS3-HMAC-SHA256";
export interface Acs3Authorization {
    readonly accessKeyId: string;
    readonly signedHeaders: readonly string[];
    readonly signature: string;
}
export declare const parseAcs3Authorization: (header: string) => Acs3Authorization | undefined;
export declare const sha256Hex: (data: Buffer | string) => string;
export interface Acs3Input {
    readonly method: string;
    readonly path: string;
    /** Decoded query parameters (not the form body: the body is covered by its hash). */
    readonly query: readonly (readonly [string, string])[];
    /** Lowercase header names. */
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly signedHeaders: readonly string[];
    readonly payloadHash: string;
}
export declare const acs3CanonicalRequest: (r: Acs3Input) => string;
export declare const acs3StringToSign: (canonicalRequest: string) => string;
export declare const acs3Signature: (secret: string, stringToSign: string) => string;
