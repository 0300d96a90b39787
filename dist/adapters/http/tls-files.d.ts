import type { TlsFiles } from './server.ts';
export interface TlsPaths {
    readonly cert: string;
    readonly key: string;
}
/** The paths from the environment (both or neither), else the configuration's; undefined: plain HTTP. */
export declare const tlsPathsOf: (env: NodeJS.ProcessEnv, configured: TlsPaths | undefined) => TlsPaths | undefined;
/** Reads and checks the pair (the key must match the certificate); throws naming the file at fault. */
export declare const loadTlsFiles: (paths: TlsPaths) => TlsFiles;
/** Whether only this machine can reach the address: 127.0.0.0/8, ::1, localhost. */
export declare const isLoopback: (host: string) => boolean;
