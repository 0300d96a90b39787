import * as E from 'fp-ts/lib/Either.js';
import { parsePrincipal } from "../../domain/policy/index.js";
import { openDataDirAccessKeys } from "../../composition/stores.js";
import { join, resolve } from 'node:path';
import { ACCESS_KEY_DB_FILE } from "../access-keys/sqlite-store.js";
import { requireDataDir, requireFile, withWriterLock } from "../data-dir/guard.js";
import { ROOT_KEY_FILE } from "../root-key.js";
import { storeTarget, withStoreOptions } from "./context.js";
import { EXIT, OperatorError } from "../operator-error.js";
const fail = (message, code = 2) => {
    process.stderr.write(`keyledger access-keys: ${message}\n`);
    process.exitCode = code;
};
/**
 * Opens the data dir's access key store as the server sees it: the dir, its root key (KMS_ROOT_KEY, else
 * root.key) and, except for `create`, its access-keys.sqlite must exist: nothing is invented (a typo in
 * --data-dir is an error naming the path, not a new data dir with a new root key).
 */
const withStore = (o, mode, run) => {
    const dir = resolve(storeTarget(o).dataDir);
    requireDataDir(dir);
    if (!process.env['KMS_ROOT_KEY'])
        requireFile(join(dir, ROOT_KEY_FILE), 'root key', 'Set KMS_ROOT_KEY as the server has it, or give the --data-dir (or --config) the server uses');
    if (mode === 'existing')
        requireFile(join(dir, ACCESS_KEY_DB_FILE), 'access key store', 'No access key was ever made in this data dir: `keyledger access-keys create` makes the first');
    withWriterLock(dir, 'access-keys', (l) => void process.stderr.write(`${l}\n`), () => {
        const opened = openDataDirAccessKeys(dir, process.env);
        if (E.isLeft(opened))
            throw new OperatorError('DataDir.RootKey', opened.left, '', EXIT.dataDir);
        const store = opened.right;
        try {
            run(store);
        }
        finally {
            store.close();
        }
    });
};
const write = (line) => void process.stdout.write(`${line}\n`);
export const registerAccessKeys = (program) => {
    const group = program
        .command('access-keys')
        .description('Manage access keys kept in the data directory (read by `keyledger serve`).');
    const dirOption = (c) => withStoreOptions(c);
    dirOption(group.command('create')
        .description('Create an access key for a principal; prints its secret once.')
        .requiredOption('--principal <arn>', 'acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>')
        .option('--json', 'print JSON'))
        .action((o) => {
        const p = parsePrincipal(o.principal);
        if (!p)
            return fail(`--principal ${o.principal} is not acs:ram::<uid>:root, acs:ram::<uid>:user/<name> or acs:ram::<uid>:role/<name>`);
        withStore(o, 'create', (store) => {
            const k = store.create(o.principal, p.accountId, new Date());
            if (o.json)
                return write(JSON.stringify(k));
            write(`AccessKeyId:     ${k.accessKeyId}`);
            write(`AccessKeySecret: ${k.accessKeySecret}`);
            write(`Principal:       ${k.principal}`);
            write('The secret is shown only now; keyledger keeps it encrypted and cannot show it again.');
        });
    });
    dirOption(group.command('list').description('List access keys (never their secrets).').option('--json', 'print JSON'))
        .action((o) => withStore(o, 'existing', (store) => {
        const keys = store.list();
        if (o.json)
            return write(JSON.stringify(keys));
        write(['AccessKeyId', 'Status', 'CreatedAt', 'Principal'].join('\t'));
        for (const k of keys)
            write([k.accessKeyId, k.status, k.createdAt, k.principal].join('\t'));
    }));
    for (const [name, status, what] of [['enable', 'Active', 'enabled'], ['disable', 'Inactive', 'disabled']]) {
        dirOption(group.command(`${name} <accessKeyId>`).description(`Mark an access key ${status}: ${what} at once for the running server.`))
            .action((id, o) => withStore(o, 'existing', (store) => {
            if (!store.setStatus(id, status))
                return fail(`no access key ${id}`, 1);
            write(`${id} ${what}`);
        }));
    }
    dirOption(group.command('delete <accessKeyId>').description('Delete an access key for good.'))
        .action((id, o) => withStore(o, 'existing', (store) => {
        if (!store.delete(id))
            return fail(`no access key ${id}`, 1);
        write(`${id} deleted`);
    }));
};
