export interface KmsError {
    readonly code: string;
    readonly httpStatus: number;
    readonly message: string;
}
export declare const badRequest: (code: string, message: string) => KmsError;
export declare const forbidden: (code: string, message: string) => KmsError;
export declare const notFound: (code: string, message: string) => KmsError;
export declare const conflict: (code: string, message: string) => KmsError;
export declare const invalidParameter: (name: string, why?: string) => KmsError;
export declare const missingParameter: (name: string) => KmsError;
export declare const keyNotFound: (keyId: string) => KmsError;
export declare const keyVersionNotFound: (versionId: string) => KmsError;
export declare const aliasNotFound: (alias: string) => KmsError;
/** State conflicts of the state × action table (API reference §5.2): always HTTP 409. */
export declare const rejected: (code: `Rejected.${string}`, message: string) => KmsError;
export declare const stateModifiedFailed: (why: string) => KmsError;
/** Limits and unsupported operations are 400 in the API's tables, not 409. */
export declare const limitExceeded: (why: string) => KmsError;
export declare const unsupportedOperation: (why: string) => KmsError;
export declare const noPermission: (why: string) => KmsError;
export declare const internalFailure: (why: string) => KmsError;
/**
 * The text of an unexpected exception, for an InternalFailure's message (logged; the wire layer never sends a
 * 5xx message: adapters/http/wire/response.ts). Such exceptions come from the vault (SQLite, EventStoreDB/gRPC),
 * node:crypto, @noble/curves and PKCS#11, whose texts name the failure, not the data: still, a long run of hex or
 * Base64 (the shape key bytes would take if a library echoed its input) is cut out, and the text is capped.
 */
export declare const faultCause: (e: unknown) => string;
export declare const isKmsError: (u: unknown) => u is KmsError;
