import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { accountIdFor, bootstrapAccessKey, ensureDataDir } from "../adapters/cli/bootstrap.js";
import { parseStoreUrl, UnsupportedStoreUrl } from "../adapters/store/select.js";
import { defaultInstanceId } from "./app.js";
import { decodeConfig, StoreConfig } from "./config.js";
import { chooseDataDir, resolveDataDir } from "./data-dir.js";
// The one settings object (docs/architecture.md §9): the --config file (docs/config.md), the environment and the
// flags, merged here and nowhere else. `serve` reads all of it; the reporting commands (audit, report,
// projections) read only where the events are, `store` and `dataDir`, so they look at what the server writes.
export const readConfigFile = (path) => {
    const u = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof u !== 'object' || u === null || Array.isArray(u))
        throw new Error(`${path}: the configuration is a JSON object`);
    const file = u;
    refuseSharedSecrets(path, file);
    return file;
};
/** Where a configuration may hold a secret: access key secrets, PKCS#11 PINs, credentials in a store URL. */
export const secretsIn = (file) => {
    const found = [];
    const list = (v) => (Array.isArray(v) ? v : []);
    const field = (o, name) => (typeof o === 'object' && o !== null ? o[name] : undefined);
    list(file['accessKeys']).forEach((k, i) => { if (field(k, 'accessKeySecret') !== undefined)
        found.push(`accessKeys[${i}].accessKeySecret`); });
    list(file['instances']).forEach((k, i) => { if (field(field(k, 'pkcs11'), 'pin') !== undefined)
        found.push(`instances[${i}].pkcs11.pin`); });
    const url = field(file['store'], 'url');
    if (typeof url === 'string' && /^[a-z+]+:\/\/[^/@]*:[^/@]*@/i.test(url))
        found.push('store.url (user:password@)');
    return found;
};
/**
 * Issue 13, finding 6: a configuration holding secrets must be the owner's alone (like root.key and the access
 * key file, 0600): a file any local user can read gives them every access key. Refused, not warned about, since
 * a server that starts anyway keeps the secrets exposed. Secrets can come from the environment instead
 * (PKCS#11 `pinEnv`, KMS_BOOTSTRAP_ACCESS_KEY, `keyledger access-keys`), leaving a readable file harmless.
 */
const refuseSharedSecrets = (path, file) => {
    if (process.platform === 'win32')
        return; // no POSIX modes to check
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) === 0)
        return;
    const secrets = secretsIn(file);
    if (secrets.length === 0)
        return;
    throw new Error(`${path} holds secrets (${secrets.join(', ')}) but its mode is 0${mode.toString(8)}: others can read it. ` +
        `Run chmod 600 ${path}, or move the secrets out of it (docs/config.md "Secrets").`);
};
/**
 * The same precedence as serve's: --data-dir, then the file's `dataDir`, then KMS_DATA_DIR, then ./data; the
 * file's `store` wins over KMS_EVENT_STORE (which openDataDirEventStore reads when the file names none).
 */
export const storeTarget = (o, env = process.env) => {
    const file = o.config ? readConfigFile(o.config) : {};
    const dataDir = chooseDataDir({ flag: o.dataDir, file: file['dataDir'] }, env);
    if (file['store'] === undefined)
        return { dataDir };
    const store = StoreConfig.decode(file['store']);
    if (E.isLeft(store))
        throw new Error(`${o.config}: "store" is not {"type":"sqlite","path"?} or {"type":"esdb","url"}`);
    return { dataDir, store: store.right };
};
/** `KMS_EVENT_STORE` as a store config: `esdb://…` is EventStoreDB, `sqlite:…` or a path the SQLite store. */
const storeFromEnv = (url) => {
    if (url === undefined || url === '')
        return E.right({ type: 'sqlite' });
    try {
        const l = parseStoreUrl(url);
        return E.right(l.kind === 'esdb' ? { type: 'esdb', url: l.connectionString } : { type: 'sqlite', path: resolve(l.path) });
    }
    catch (e) {
        return E.left(`KMS_EVENT_STORE: ${e instanceof UnsupportedStoreUrl ? e.message : String(e)}`);
    }
};
/**
 * `beforeWrite` runs once the data dir exists and before anything is written into it (the account id, the
 * bootstrap key): `serve` takes the data dir's lock there (adapters/data-dir/lock.ts).
 */
export const buildServeConfig = (opts, env, beforeWrite) => {
    let file = {};
    try {
        if (opts.config)
            file = readConfigFile(opts.config);
    }
    catch (e) {
        return E.left(`cannot read --config: ${e instanceof Error ? e.message : String(e)}`);
    }
    const dataDir = resolveDataDir({ flag: opts.dataDir, file: file['dataDir'] }, env);
    ensureDataDir(dataDir);
    beforeWrite?.(dataDir);
    const accountId = typeof file['accountId'] === 'string' ? file['accountId'] : accountIdFor(dataDir, env['KMS_ACCOUNT_ID']);
    const region = typeof file['region'] === 'string' ? file['region'] : env['KMS_REGION'] ?? 'cn-hangzhou';
    const store = storeFromEnv(env['KMS_EVENT_STORE']);
    if (E.isLeft(store))
        return store;
    const notes = [];
    // Off when either the file or the environment says so: turning a credential off must not need both.
    const bootstrapOff = file['bootstrapAccessKey'] === false || /^(off|false|0|no)$/i.test(env['KMS_BOOTSTRAP_ACCESS_KEY'] ?? '');
    const bootKeys = [];
    if (bootstrapOff)
        notes.push('bootstrap access key off: only configured and stored access keys are served');
    else {
        const boot = bootstrapAccessKey(dataDir, env);
        if (E.isLeft(boot))
            return boot;
        if (boot.right.file)
            notes.push(`bootstrap access key ${boot.right.key.accessKeyId}${boot.right.created ? ' created' : ''}: secret in ${boot.right.file}`);
        else
            notes.push(`bootstrap access key ${boot.right.key.accessKeyId} from KMS_ROOT_ACCESS_KEY_ID`);
        bootKeys.push({ ...boot.right.key, accountId });
    }
    const fileKeys = Array.isArray(file['accessKeys']) ? file['accessKeys'] : [];
    const fileScheduler = typeof file['scheduler'] === 'object' && file['scheduler'] !== null ? file['scheduler'] : undefined;
    const rotationUnit = env['KMS_ROTATION_UNIT'];
    const scheduler = rotationUnit ? { ...fileScheduler, rotationUnit } : fileScheduler;
    const merged = {
        listen: env['KMS_LISTEN'] ?? '127.0.0.1:8080',
        instances: [{ instanceId: defaultInstanceId(accountId, region), kind: 'software', default: true }],
        store: store.right,
        ...file,
        ...(opts.listen ? { listen: opts.listen } : {}),
        dataDir, accountId, region,
        ...(scheduler ? { scheduler } : {}),
        // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- config file keys, decoded by the config codec after merging
        accessKeys: [...bootKeys, ...fileKeys],
    };
    const config = decodeConfig(merged);
    return E.isLeft(config) ? config : E.right({ config: config.right, notes });
};
