import * as E from 'fp-ts/lib/Either.js';
import { type KmsError } from '../../../domain/errors.ts';
import type { Clock } from '../../../domain/ports/clock.ts';
import type { ApiRequest } from '../wire/request.ts';
import type { AccessKey, AccessKeyStore } from '../../../domain/ports/access-keys.ts';
import { type NonceVerdict } from './nonce-cache.ts';
import type { NonceJournal } from './nonce-journal.ts';
export interface Authenticated {
    readonly accessKey: AccessKey;
    readonly scheme: 'rpc-v1' | 'acs3';
}
export interface VerifierOptions {
    readonly keys: AccessKeyStore;
    readonly clock: Clock;
    /** How far a request's time may lag the server's (default 15 minutes, API reference §3.1). */
    readonly windowSeconds?: number;
    /**
     * How far a request's time may run ahead of the server's (default 5 minutes). Narrower than the lag: a nonce
     * must be remembered until its time leaves the window, so a far-future timestamp would pin memory longer.
     */
    readonly aheadSeconds?: number;
    readonly maxNonces?: number;
    readonly maxNoncesPerKey?: number;
    /**
     * Where nonces are remembered: this process's cache by default; `serve --workers` passes the primary's, shared
     * by every worker, so a request replayed to another worker is refused too (adapters/cluster).
     */
    readonly nonces?: NonceRegistry;
    /** Accepted nonces kept beyond the process (nonce-journal.ts); without it, replay protection ends at a restart. */
    readonly journal?: NonceJournal;
    /**
     * The Host values this server answers for (`name` or `name:port`). ACS3 signs `host`, so with a list a request
     * signed for another node (captured there, replayed here) is refused. Empty: any host (one node, or RPC v1 only).
     */
    readonly hosts?: readonly string[];
}
/** Remembers a nonce within the replay window; the verdict may come from another process. */
export interface NonceRegistry {
    remember(accessKeyId: string, nonce: string, requestTimeMs: number, nowMs: number): NonceVerdict | Promise<NonceVerdict>;
}
export declare const stsNotSupported: () => KmsError;
/**
 * Authenticates a request signed with RPC v1 (`Signature` parameter) or ACS3-HMAC-SHA256 (`Authorization`
 * header), then checks freshness (timestamp window) and replay (nonce). The clock and window are parameters so
 * the captured vectors, signed long ago, can be verified with a pinned clock.
 */
export declare class RequestVerifier {
    private readonly options;
    private readonly windowMs;
    private readonly aheadMs;
    private readonly nonces;
    constructor(options: VerifierOptions);
    private accepted;
    verify(req: ApiRequest): Promise<E.Either<KmsError, Authenticated>>;
    private verifyRpcV1;
    private verifyAcs3;
    /** Checked only after the signature holds, so an unsigned request can neither probe nor burn nonces. */
    private fresh;
}
