import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { KmsError } from '../../domain/errors.ts';
export declare const DEFAULT_MAX_CONNECTIONS = 1024;
export declare const DEFAULT_MAX_CONNECTIONS_PER_IP = 128;
export interface ConnectionCaps {
    readonly maxConnections?: number;
    readonly maxConnectionsPerIp?: number;
}
export declare const perIpLimit: () => KmsError;
export declare const totalLimit: () => KmsError;
/** Counts open connections in total and per remote address; `refuse` writes the answer on the socket and ends it. */
export declare const capConnections: (server: Server, caps: ConnectionCaps, refuse: (socket: Socket, e: KmsError) => void) => void;
