import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { CryptoService } from "../application/crypto-service.js";
import { SqliteEventStore } from "../adapters/store/sqlite/index.js";
import { MemoryEventStore } from "../adapters/store/memory.js";
import { DATA_DIR_FILES } from "./data-dir.js";
import { EventStoreUsageRecorder } from "../adapters/usage/event-store-usage-recorder.js";
import { loadRootKey, ROOT_KEY_FILE } from "../adapters/root-key.js";
import { EsdbKeyVault } from "../adapters/vault/esdb-vault.js";
import { SqliteKeyVault } from "../adapters/vault/sqlite-vault.js";
import { blobFormat } from "../adapters/crypto/blob.js";
import { SoftwareKeyTransport } from "../adapters/crypto/key-transport.js";
import { modulePathFromEnv } from "../adapters/crypto/pkcs11/config.js";
import { Pkcs11Executor } from "../adapters/crypto/pkcs11/executor.js";
import { CryptoRouter } from "../adapters/crypto/router.js";
import { SoftwareExecutor } from "../adapters/crypto/software/executor.js";
// The crypto half of the composition root (docs/architecture.md §5): the vault under its root key, the software executor (for
// software instances and the region's default key), one PKCS#11 executor per hardware instance, the router
// that picks among them, and the usage recorder the crypto service audits through.
export const VAULT_FILE = DATA_DIR_FILES.vault;
export { ROOT_KEY_FILE };
const startError = (e) => new Error(`${e.code}: ${e.message}`);
/** The PIN of a hardware instance: from the environment variable the config names, else from the config. */
const pinOf = (i, env) => {
    const p = i.pkcs11;
    if (p.pinEnv === undefined)
        return E.right(p.pin);
    const pin = env[p.pinEnv];
    return pin
        ? E.right(pin)
        : E.left({ code: 'Config.MissingPin', httpStatus: 500, message: `instance ${i.instanceId}: the environment variable ${p.pinEnv} (its token PIN) is not set` });
};
const openVault = async (o) => {
    if (o.vault.kind === 'memory') {
        const opened = SqliteKeyVault.open(':memory:', randomBytes(32));
        if (E.isLeft(opened))
            throw startError(opened.left);
        return opened.right;
    }
    const shared = o.vault.kind === 'esdb';
    const keyFile = join(o.dataDir, ROOT_KEY_FILE);
    // A vault without its root key is a half-copied data dir: making a new key would only hide that (and then
    // fail as the wrong key). docs/operations.md#startup-checks.
    if (!shared && !o.env['KMS_ROOT_KEY'] && existsSync(join(o.dataDir, VAULT_FILE)) && !existsSync(keyFile))
        throw startError({ code: 'DataDir.RootKeyMissing', httpStatus: 500,
            message: `the vault ${join(o.dataDir, VAULT_FILE)} exists but its root key ${keyFile} does not. Put the root key back (or set KMS_ROOT_KEY); never start with a new one` });
    const root = loadRootKey({
        env: o.env['KMS_ROOT_KEY'], keyFile,
        // A key file made on this node would be this node's alone: every other node would fail to unwrap.
        ...(shared ? { envRequiredBecause: 'the vault is in EventStoreDB, shared by every node, and every node must wrap and unwrap under the same root key (a key file made on one node would be that node\'s alone). Set the same KMS_ROOT_KEY (Base64 of 32 bytes) on every node, or use vault {"type":"sqlite"} for a single node.' } : {}),
    });
    if (E.isLeft(root))
        throw startError(root.left);
    o.note(root.right.origin === 'env' ? 'vault root key from KMS_ROOT_KEY'
        : `vault root key ${root.right.origin === 'created' ? 'created in' : 'from'} ${join(o.dataDir, ROOT_KEY_FILE)}`);
    try {
        const opened = o.vault.kind === 'esdb'
            ? await EsdbKeyVault.open(o.vault.client, root.right.key, { sharedClient: true, ...(o.vault.backoff ? { backoff: o.vault.backoff } : {}) })
            : SqliteKeyVault.open(join(o.dataDir, VAULT_FILE), root.right.key);
        if (E.isLeft(opened)) {
            const from = root.right.origin === 'env' ? 'KMS_ROOT_KEY' : `the root key file ${keyFile}`;
            throw startError(opened.left.code === 'Config.WrongRootKey'
                ? { ...opened.left, message: `${opened.left.message.replace(/\.$/, '')} (the key came from ${from}). Give the root key this data dir was made with` }
                : opened.left);
        }
        o.note(shared ? 'vault: vault- streams of the EventStoreDB store' : `vault: ${join(o.dataDir, VAULT_FILE)}`);
        return opened.right;
    }
    finally {
        root.right.key.fill(0);
    }
};
/**
 * With a shared vault, another node may delete a key whose material this node has loaded: drop it from the
 * software executor's cache when the key's KeyDeleted or KeyMaterialDeleted arrives (from the store's head on;
 * nothing older is cached, the cache starts empty).
 */
const forgetDestroyedMaterial = async (store, software) => {
    const after = await store.headPosition();
    return store.subscribeAll({ after, streamPrefixes: ['key-'] }, (e) => {
        if (e.type !== 'KeyDeleted' && e.type !== 'KeyMaterialDeleted')
            return;
        software.forget(e.streamId.slice('key-'.length));
    });
};
/** Opens everything or nothing: on a failure, what was opened is closed and the error thrown (start-up). */
export const openCryptoStack = async (o) => {
    const vault = await openVault(o);
    const software = new SoftwareExecutor(vault);
    let forgetting;
    const executors = [software];
    const instances = new Map();
    try {
        for (const i of o.instances) {
            if (i.kind === 'software')
                instances.set(i.instanceId, software);
            if (i.kind !== 'hardware')
                continue;
            const pin = pinOf(i, o.env);
            if (E.isLeft(pin))
                throw startError(pin.left);
            const p = i.pkcs11;
            const hsm = Pkcs11Executor.open({
                modulePath: p.modulePath ?? modulePathFromEnv(o.env), tokenLabel: p.tokenLabel, pin: pin.right,
                ...(p.maxSessions !== undefined ? { maxSessions: p.maxSessions } : {}),
            });
            if (E.isLeft(hsm))
                throw startError({ ...hsm.left, message: `instance ${i.instanceId}: ${hsm.left.message}` });
            executors.push(hsm.right);
            instances.set(i.instanceId, hsm.right);
            o.note(`instance ${i.instanceId}: PKCS#11 token "${p.tokenLabel}" opened`);
        }
        if (o.vault.kind === 'esdb')
            forgetting = await forgetDestroyedMaterial(o.store, software);
    }
    catch (e) {
        await Promise.allSettled(executors.map((x) => x.close()));
        throw e;
    }
    const router = new CryptoRouter({ instances, defaultKeyExecutor: software, onDestroyFailure: o.onDestroyFailure });
    const usage = new EventStoreUsageRecorder(o.store, o.ids, { anyRevision: o.store instanceof SqliteEventStore || o.store instanceof MemoryEventStore });
    const transport = new SoftwareKeyTransport(vault);
    return {
        router, usage,
        vaultRows: vault,
        inVault: (key) => key.kind === 'default' || (key.instanceId !== null && instances.get(key.instanceId) === software),
        importTokens: { deleteExpiredImportTokens: (now) => vault.deleteExpiredImportTokens(now) },
        service: (keys) => new CryptoService({ keys, router, blobs: blobFormat, transport, usage }),
        close: async () => {
            await forgetting?.stop();
            // Hardware first: a token session must not outlive the process's orderly exit.
            for (const x of executors.slice(1).concat(executors.slice(0, 1)))
                await x.close();
        },
    };
};
