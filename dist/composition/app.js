import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { servedActions } from "../adapters/http/actions/index.js";
import { DataDirAccessKeys } from "../adapters/access-keys/data-dir-keys.js";
import { accessKeyFromConfig, ChainedAccessKeyStore, InMemoryAccessKeyStore } from "../adapters/http/auth/access-key-store.js";
import { RequestVerifier } from "../adapters/http/auth/verifier.js";
import { createApiServer, listen } from "../adapters/http/server.js";
import { isLoopback, loadTlsFiles, tlsPathsOf } from "../adapters/http/tls-files.js";
import { SqliteNonceJournal } from "../adapters/http/auth/nonce-journal.js";
import { openEngine } from "./engine.js";
export { deploymentOf } from "./engine.js";
/** A stable id for the software instance `serve` offers by default, so keys keep pointing at it across restarts. */
export const defaultInstanceId = (accountId, region) => `kst-${createHash('sha256').update(`${accountId}.${region}`).digest('hex').slice(0, 20)}`;
export const parseListen = (listen) => {
    const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port > 65535)
        throw new Error(`listen address "${listen}" is not HOST:PORT`);
    return { host: m[1] ?? m[2], port };
};
export const startApp = async (config, o = {}) => {
    const engine = await openEngine(config, o);
    const { store, services, logger, clock, env, crypto, readModels, scheduler } = engine;
    // Access keys: the configuration's first, then those made with `keyledger access-keys` (adapters/cli/access-keys.ts).
    const storedKeys = new DataDirAccessKeys(config.dataDir, env);
    let nonceJournal;
    const stopAll = async () => {
        storedKeys.close();
        nonceJournal?.close();
        await engine.stop();
    };
    try {
        if (config.store.type !== 'memory')
            nonceJournal = SqliteNonceJournal.open(config.dataDir);
        const verifier = new RequestVerifier({
            keys: new ChainedAccessKeyStore([
                new InMemoryAccessKeyStore(config.accessKeys.map((k) => accessKeyFromConfig(k, config.accountId))),
                storedKeys,
            ]),
            clock,
            ...(o.cluster ? { nonces: o.cluster.nonces } : {}),
            ...(config.auth?.timestampWindowSeconds !== undefined ? { windowSeconds: config.auth.timestampWindowSeconds } : {}),
            ...(config.auth?.timestampAheadSeconds !== undefined ? { aheadSeconds: config.auth.timestampAheadSeconds } : {}),
            ...(config.auth?.maxNonces !== undefined ? { maxNonces: config.auth.maxNonces } : {}),
            ...(config.auth?.maxNoncesPerKey !== undefined ? { maxNoncesPerKey: config.auth.maxNoncesPerKey } : {}),
            // Events in memory die with the process, and with them anything a replay could repeat; every durable
            // store gets a durable nonce journal (issue 13, item 2).
            ...(nonceJournal ? { journal: nonceJournal } : {}),
            ...(config.auth?.hosts ? { hosts: config.auth.hosts } : {}),
        });
        const tlsPaths = tlsPathsOf(env, config.tls);
        const tls = tlsPaths ? loadTlsFiles(tlsPaths) : undefined;
        const server = createApiServer({
            services, actions: { ...servedActions(), ...o.actions }, verifier, clock, logger,
            ...config.http,
            ...(tls ? { tls } : {}),
            readiness: {
                store: async () => (await store.headPosition(), 'ok'),
                views: async () => ((await readModels.catchUp()) === 'reached' ? 'ok' : 'behind'),
                // startApp opens the crypto stack (root key, vault, tokens) before it listens: serving means unsealed.
                vault: async () => 'ok',
            },
        });
        const { host, port } = parseListen(config.listen);
        const api = await listen(server, host, port);
        if (!tls && !isLoopback(host))
            logger.warn({ listen: config.listen }, 'listening beyond loopback without TLS: access key ids, request parameters and plaintexts cross the network in clear; set KMS_TLS_CERT and KMS_TLS_KEY (docs/config.md "TLS")');
        const reloadTls = () => {
            if (!tlsPaths)
                return E.right('no-tls');
            try {
                ;
                server.setSecureContext(loadTlsFiles(tlsPaths));
                return E.right('reloaded');
            }
            catch (e) {
                return E.left(e instanceof Error ? e.message : String(e));
            }
        };
        let closing;
        return {
            api, store, services, logger, crypto, scheduler, readModels, reloadTls,
            close: () => (closing ??= (async () => {
                await api.close();
                await stopAll();
            })()),
        };
    }
    catch (e) {
        await stopAll();
        throw e;
    }
};
