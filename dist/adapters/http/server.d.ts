import { type Server } from 'node:http';
import type { Logger } from 'pino';
import { type Dispatcher } from './dispatch.ts';
import { type ConnectionCaps } from './connection-cap.ts';
import { type ReadinessChecks } from './health.ts';
export declare const DEFAULT_MAX_BODY_BYTES: number;
export interface ApiServerOptions extends Dispatcher, ConnectionCaps {
    readonly logger: Logger;
    readonly maxBodyBytes?: number;
    /** The whole request must arrive within this (default 30 s), its headers within `headersTimeoutMs` (20 s); else 408. */
    readonly requestTimeoutMs?: number;
    readonly headersTimeoutMs?: number;
    /** What GET /readyz checks (health.ts); without it only /healthz answers ok and /readyz has no check. */
    readonly readiness?: ReadinessChecks;
    /** PEM certificate chain and private key: HTTPS instead of HTTP (docs/config.md "TLS"). */
    readonly tls?: TlsFiles;
}
export interface TlsFiles {
    readonly cert: Buffer;
    readonly key: Buffer;
}
export declare const createApiServer: (o: ApiServerOptions) => Server;
export interface ListeningApi {
    readonly server: Server;
    readonly host: string;
    readonly port: number;
    readonly url: string;
    close(): Promise<void>;
}
export declare const listen: (server: Server, host: string, port: number) => Promise<ListeningApi>;
