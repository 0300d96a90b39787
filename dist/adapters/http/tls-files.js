import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
/** The paths from the environment (both or neither), else the configuration's; undefined: plain HTTP. */
export const tlsPathsOf = (env, configured) => {
    const cert = env['KMS_TLS_CERT'];
    const key = env['KMS_TLS_KEY'];
    if ((cert === undefined) !== (key === undefined))
        throw new Error('KMS_TLS_CERT and KMS_TLS_KEY go together: set both or neither');
    return cert !== undefined && key !== undefined ? { cert, key } : configured;
};
/** Reads and checks the pair (the key must match the certificate); throws naming the file at fault. */
export const loadTlsFiles = (paths) => {
    const read = (what, path) => {
        try {
            return readFileSync(path);
        }
        catch (e) {
            throw new Error(`cannot read the TLS ${what} ${path}: ${e.code ?? String(e)}`);
        }
    };
    const files = { cert: read('certificate', paths.cert), key: read('private key', paths.key) };
    try {
        createSecureContext(files);
    }
    catch (e) {
        throw new Error(`the TLS certificate ${paths.cert} and key ${paths.key} do not load together: ${e instanceof Error ? e.message : String(e)}`);
    }
    return files;
};
/** Whether only this machine can reach the address: 127.0.0.0/8, ::1, localhost. */
export const isLoopback = (host) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::ffff:127.0.0.1';
