import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import pino from 'pino';
import { systemClock } from "../adapters/clock.js";
import { KeyService } from "../application/key-service.js";
import { servedActions } from "../adapters/http/actions/index.js";
import { DataDirAccessKeys } from "../adapters/access-keys/data-dir-keys.js";
import { accessKeyFromConfig, ChainedAccessKeyStore, InMemoryAccessKeyStore } from "../adapters/http/auth/access-key-store.js";
import { AccessControl } from "../application/access/access-control.js";
import { QuotaGate } from "../application/access/quota-gate.js";
import { RequestVerifier } from "../adapters/http/auth/verifier.js";
import { createApiServer, listen } from "../adapters/http/server.js";
import { isLoopback, loadTlsFiles, tlsPathsOf } from "../adapters/http/tls-files.js";
import { SqliteNonceJournal } from "../adapters/http/auth/nonce-journal.js";
import { randomIds } from "../adapters/ids.js";
import { openEventStore } from "./event-store.js";
import { openCryptoStack } from "./crypto-stack.js";
import { EsdbEventStore } from "../adapters/store/esdb/index.js";
import { startScheduler } from "./scheduler.js";
import { dataDirLayout } from "./data-dir.js";
import { PositionTrackingStore } from "../adapters/readstore/position-tracking-store.js";
import { openReadModels } from "../adapters/readstore/read-models.js";
import { AuditLog } from "../adapters/audit/audit-log.js";
import { witnessOf } from "../adapters/audit/witness.js";
import { checkVaultAtStart } from "./startup-check.js";
/** A stable id for the software instance `serve` offers by default, so keys keep pointing at it across restarts. */
export const defaultInstanceId = (accountId, region) => `kst-${createHash('sha256').update(`${accountId}.${region}`).digest('hex').slice(0, 20)}`;
export const deploymentOf = (c) => {
    const instances = c.instances.map((i) => ({
        instanceId: i.instanceId, accountId: i.accountId ?? c.accountId, kind: i.kind,
        ...(i.sharedWith ? { sharedWith: i.sharedWith } : {}),
        ...(i.accessManagementQuota !== undefined ? { accessManagementQuota: i.accessManagementQuota } : {}),
    }));
    const defaults = new Map(c.instances.filter((i) => i.default).map((i) => [i.accountId ?? c.accountId, i.instanceId]));
    return {
        region: c.region,
        hostId: c.hostId ?? `kms.${c.region}.aliyuncs.com`,
        ...(c.scheduler?.rotationUnit ? { rotationUnit: c.scheduler.rotationUnit } : {}),
        instances,
        defaultInstanceOf: (accountId) => defaults.get(accountId),
    };
};
export const parseListen = (listen) => {
    const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port > 65535)
        throw new Error(`listen address "${listen}" is not HOST:PORT`);
    return { host: m[1] ?? m[2], port };
};
/**
 * Store and vault selection (docs/architecture.md §5, §8; docs/esdb.md): on EventStoreDB the vault is the database's `vault-`
 * streams, shared by every node (unless the config says `vault: {"type":"sqlite"}`, for a single node); on SQLite
 * it is the data dir's file; with the memory store it lives in memory.
 */
const vaultChoice = (config, store) => {
    if (config.store.type === 'memory')
        return { kind: 'memory' };
    const wanted = config.vault?.type ?? (config.store.type === 'esdb' ? 'esdb' : 'sqlite');
    if (wanted === 'sqlite')
        return { kind: 'sqlite' };
    if (!(store instanceof EsdbEventStore))
        throw new Error('Config.InvalidVault: vault {"type":"esdb"} needs the event store to be EventStoreDB');
    return { kind: 'esdb', client: store.client, backoff: store.backoff };
};
export const startApp = async (config, o = {}) => {
    const logger = o.logger ?? pino({ name: 'keyledger' });
    const clock = o.clock ?? systemClock;
    const ids = o.ids ?? randomIds;
    const env = o.env ?? process.env;
    const store = o.store ?? (await openEventStore(config.store, config.dataDir));
    const deployment = deploymentOf(config);
    const closeStore = async () => {
        if (!o.store)
            await store.close();
    };
    let crypto;
    try {
        crypto = await openCryptoStack({
            instances: config.instances, dataDir: config.dataDir, vault: vaultChoice(config, store), env, store, ids,
            onDestroyFailure: (keyId, e) => logger.error({ keyId, code: e.code, message: e.message }, `${e.code}: key material of ${keyId} could not be destroyed after the key was deleted. The shredDeletedMaterial job retries it; keyledger jobs status shows when`),
            note: (msg) => logger.info(msg),
        });
    }
    catch (e) {
        await closeStore();
        throw e;
    }
    if (config.store.type !== 'memory') {
        try {
            await checkVaultAtStart(store, crypto, config.dataDir, o.allowMissingMaterial === true, (m) => logger.warn(m));
        }
        catch (e) {
            await crypto.close();
            await closeStore();
            throw e;
        }
    }
    const material = o.material ?? crypto.router;
    // Read models (docs/architecture.md §6): their own SQLite file next to the events, in memory when the events are.
    const tracking = new PositionTrackingStore(store);
    let readModels;
    try {
        readModels = await openReadModels({
            store, tracking, logger: logger.child({ component: 'read-models' }),
            path: config.store.type === 'memory' ? ':memory:' : dataDirLayout(config.dataDir).readStore,
            ...(o.readWaitMs !== undefined ? { waitMs: o.readWaitMs } : {}),
            ...(o.usageTrackingSince ? { usageTrackingSince: o.usageTrackingSince } : {}),
        });
    }
    catch (e) {
        await crypto.close();
        await closeStore();
        throw e;
    }
    logger.info('read models ready');
    // Commands go through the tracking store, so the API can wait for the views to reach what they wrote.
    const keys = new KeyService(tracking, ids, material);
    // The verifiable log (docs/verifiable-log.md): checkpoints by the scheduler, proofs by the API.
    const auditLog = new AuditLog({ store, dataDir: config.dataDir, env, witnesses: (config.audit?.witnesses ?? []).map(witnessOf) });
    const services = {
        keys,
        crypto: crypto.service(keys),
        readModels,
        store,
        ids,
        deployment,
        // Authorization (docs/architecture.md §7): identity policies and sharing from the config, denials onto keyusage streams.
        access: new AccessControl({
            identityPolicies: config.identityPolicies ?? [], instances: deployment.instances, region: deployment.region,
            usage: crypto.usage,
        }),
        auditLog,
        quota: new QuotaGate({ history: (pool) => readModels.policies.history(pool), catchUp: () => readModels.catchUp() }, deployment.instances, o.cluster ? (pool, run) => o.cluster.withPoolLock(pool, run) : undefined),
    };
    // Access keys: the configuration's first, then those made with `keyledger access-keys` (adapters/cli/access-keys.ts).
    const storedKeys = new DataDirAccessKeys(config.dataDir, env);
    let nonceJournal;
    let scheduler;
    const stopAll = async () => {
        await scheduler?.stop();
        await readModels.close();
        auditLog.close();
        storedKeys.close();
        nonceJournal?.close();
        await crypto.close();
        await closeStore();
    };
    try {
        if (config.scheduler?.enabled !== false) {
            const started = await startScheduler({
                store, ids, material, shredder: crypto.router, importTokens: crypto.importTokens, checkpoints: auditLog, clock, dataDir: config.dataDir, log: logger.child({ component: 'scheduler' }),
                ...(config.scheduler?.rotationUnit ? { rotationUnit: config.scheduler.rotationUnit } : {}),
                ...(config.scheduler?.schedules ? { schedules: config.scheduler.schedules } : {}),
                ...(config.scheduler?.timezone ? { timezone: config.scheduler.timezone } : {}),
            });
            if (E.isLeft(started))
                throw new Error(`${started.left.code}: ${started.left.message}`);
            scheduler = started.right;
        }
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
