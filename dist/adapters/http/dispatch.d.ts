import type { Clock } from '../../domain/ports/clock.ts';
import type { ActionTable, ApiServices } from './actions/action.ts';
import type { RequestVerifier } from './auth/verifier.ts';
import type { ApiRequest } from './wire/request.ts';
import { type Reply } from './wire/response.ts';
export declare const API_VERSION = "2016-01-20";
export interface Dispatcher {
    readonly services: ApiServices;
    readonly actions: ActionTable;
    readonly verifier: RequestVerifier;
    readonly clock: Clock;
}
export interface RequestMeta {
    readonly requestId: string;
    readonly sourceIp?: string;
    readonly userAgent?: string;
}
export interface Dispatched {
    readonly reply: Reply;
    readonly action?: string;
    readonly accessKeyId?: string;
    /** Why authorization refused (statements, principals): logged for operators, never sent to the caller. */
    readonly denial?: string;
    /** Set when a handler threw: logged by the server, never sent to the caller. */
    readonly fault?: unknown;
    /**
     * Set when the read models did not reach the request's writes before the answer (timeout, or the runner
     * failed): logged by the server. The write stands, so the answer is still the command's own.
     */
    readonly readLag?: {
        readonly position: number;
        readonly wait: 'timeout' | 'failed';
    };
}
/**
 * The API after the bytes are read: path, authentication, version, action, then the action's handler.
 * Every outcome is a Reply; a handler that throws is a 500 InternalFailure with no detail for the caller.
 */
export declare const dispatch: (d: Dispatcher, req: ApiRequest, meta: RequestMeta) => Promise<Dispatched>;
