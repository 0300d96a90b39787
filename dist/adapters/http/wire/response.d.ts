import type { KmsError } from '../../../domain/errors.ts';
export declare const CONTENT_TYPE = "application/json;charset=utf-8";
export interface Reply {
    readonly status: number;
    readonly body: Record<string, unknown>;
    /** A 5xx error's own message: logged with the request id, never sent (it may name internals). */
    readonly internalMessage?: string;
}
/** What a caller is told of a server fault: the code stays (SDKs retry on it), the text says nothing inside. */
export declare const GENERIC_5XX_MESSAGE = "The request processing has failed due to some unknown error.";
export declare const success: (requestId: string, fields: Record<string, unknown>) => Reply;
/**
 * `{RequestId, HostId, Code, Message, HttpStatus}` (API reference §4.2); a status outside 4xx/5xx becomes 500.
 * A 5xx message is replaced by a generic one: faults name executors, vault rows, token objects or stream
 * decoding, none of which is the caller's business; the original goes to the log with the request id.
 */
export declare const failure: (requestId: string, hostId: string, e: KmsError) => Reply;
/** ISO-8601 UTC to the second, as every date of the API (`2024-05-20T06:34:21Z`, §5.1); '' when absent. */
export declare const apiDate: (iso: string | null | undefined) => string;
