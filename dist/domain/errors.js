// Errors are values: every refusal carries the API's stable code and HTTP status (API reference §5.14),
// so the HTTP layer maps them without guessing and specs assert codes, never messages.
const error = (httpStatus) => (code, message) => ({ code, httpStatus, message });
export const badRequest = error(400);
export const forbidden = error(403);
export const notFound = error(404);
export const conflict = error(409);
export const invalidParameter = (name, why) => badRequest('InvalidParameter', `The specified parameter "${name}" is not valid.${why ? ` ${why}` : ''}`);
export const missingParameter = (name) => badRequest('MissingParameter', `The parameter "${name}" is required.`);
export const keyNotFound = (keyId) => notFound('Forbidden.KeyNotFound', `The specified Key is not found: ${keyId}`);
export const keyVersionNotFound = (versionId) => notFound('Forbidden.KeyVersionNotFound', `The specified KeyVersion is not found: ${versionId}`);
export const aliasNotFound = (alias) => notFound('Forbidden.AliasNotFound', `The specified Alias is not found: ${alias}`);
/** State conflicts of the state × action table (API reference §5.2): always HTTP 409. */
export const rejected = (code, message) => conflict(code, message);
export const stateModifiedFailed = (why) => rejected('Rejected.StateModifiedFailed', `Keystate modified failed. ${why}`);
/** Limits and unsupported operations are 400 in the API's tables, not 409. */
export const limitExceeded = (why) => badRequest('Rejected.LimitExceeded', why);
export const unsupportedOperation = (why) => badRequest('Rejected.UnsupportedOperation', `Unsupported operation. ${why}`);
export const noPermission = (why) => forbidden('Forbidden.NoPermission', why);
export const internalFailure = (why) => ({ code: 'InternalFailure', httpStatus: 500, message: why });
/**
 * The text of an unexpected exception, for an InternalFailure's message (logged; the wire layer never sends a
 * 5xx message: adapters/http/wire/response.ts). Such exceptions come from the vault (SQLite, EventStoreDB/gRPC),
 * node:crypto, @noble/curves and PKCS#11, whose texts name the failure, not the data: still, a long run of hex or
 * Base64 (the shape key bytes would take if a library echoed its input) is cut out, and the text is capped.
 */
export const faultCause = (e) => {
    const text = e instanceof Error ? e.message : typeof e === 'string' ? e : 'a non-Error value was thrown';
    const cleaned = text.replace(/[0-9a-fA-F]{32,}|[A-Za-z0-9+/]{40,}={0,2}/g, '[redacted]');
    return cleaned.length > 300 ? `${cleaned.slice(0, 300)}…` : cleaned;
};
export const isKmsError = (u) => typeof u === 'object' && u !== null && typeof u.code === 'string' && typeof u.httpStatus === 'number';
