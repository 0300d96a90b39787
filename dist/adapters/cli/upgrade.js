import { EventStoreFile } from "../../composition/stores.js";
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ACCESS_KEY_DB_FILE } from "../access-keys/sqlite-store.js";
import { takeBackup } from "./backup/backup.js";
import { EVENTS_FILE, VAULT_FILE } from "./backup/files.js";
import { DATA_DIR_FILES } from "../../composition/data-dir.js";
import { lockDataDir, requireDataDir } from "../data-dir/guard.js";
import { checkSchema, readSchema, SCHEMAS } from "../data-dir/schema-version.js";
import { EXIT, OperatorError } from "../operator-error.js";
import { APPLICATION_ID, SCHEMA_VERSION } from "../store/sqlite/schema.js";
import { storeTarget, withStoreOptions } from "./context.js";
const stampOnly = (stamp) => async (path) => {
    const db = new Database(path, { fileMustExist: true });
    try {
        checkSchema(db, path, stamp);
    }
    finally {
        db.close();
    }
};
const targetsOf = (dataDir, eventsPath) => [
    { name: EVENTS_FILE, path: eventsPath, stamp: { what: 'event store', applicationId: APPLICATION_ID, version: SCHEMA_VERSION },
        migrate: async (p) => { await (await EventStoreFile.open(p)).close(); } },
    { name: VAULT_FILE, path: join(dataDir, VAULT_FILE), stamp: SCHEMAS.vault, migrate: stampOnly(SCHEMAS.vault) },
    { name: ACCESS_KEY_DB_FILE, path: join(dataDir, ACCESS_KEY_DB_FILE), stamp: SCHEMAS.accessKeys, migrate: stampOnly(SCHEMAS.accessKeys) },
    { name: DATA_DIR_FILES.readStore, path: join(dataDir, DATA_DIR_FILES.readStore), stamp: SCHEMAS.readStore, migrate: stampOnly(SCHEMAS.readStore) },
].filter((t) => existsSync(t.path));
/**
 * The stamp of a file. Without a WAL (the server is stopped) it is read from the database header itself (user
 * version at byte 60, application id at byte 68), so --check leaves not even SQLite's -wal/-shm files behind.
 */
const schemaOf = (path) => {
    if (!existsSync(`${path}-wal`)) {
        const header = readFileSync(path).subarray(0, 100);
        if (header.length === 100)
            return { version: header.readUInt32BE(60), applicationId: header.readUInt32BE(68) };
    }
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
        return readSchema(db);
    }
    finally {
        db.close();
    }
};
const verdictOf = (t) => {
    const s = schemaOf(t.path);
    if (s.applicationId !== 0 && s.applicationId !== t.stamp.applicationId)
        return { verdict: 'foreign', version: s.version };
    if (s.version > t.stamp.version)
        return { verdict: 'newer', version: s.version };
    return { verdict: s.version === t.stamp.version && s.applicationId !== 0 ? 'current' : 'to upgrade', version: s.version };
};
export const registerUpgrade = (program) => {
    withStoreOptions(program.command('upgrade')
        .description('Bring a data dir\'s databases to this keyledger\'s formats, after a backup; --check only reports.')
        .option('--check', 'only say what would change; write nothing')
        .option('--backup-out <file>', 'where the backup taken first goes (default: beside the data dir)'))
        .action(async (o) => {
        const target = storeTarget(o);
        const dataDir = resolve(target.dataDir);
        requireDataDir(dataDir);
        const eventsPath = (target.store?.type === 'sqlite' ? target.store.path : undefined) ?? join(dataDir, EVENTS_FILE);
        const targets = targetsOf(dataDir, eventsPath).map((t) => ({ ...t, ...verdictOf(t) }));
        for (const t of targets)
            process.stdout.write(`${t.name}: schema ${t.version}, this keyledger ${t.stamp.version}: ${t.verdict}\n`);
        const newer = targets.find((t) => t.verdict === 'newer' || t.verdict === 'foreign');
        if (newer)
            throw new OperatorError('DataDir.TooNew', `${newer.path} is ${newer.verdict === 'newer' ? `at schema ${newer.version}, newer than this keyledger knows (${newer.stamp.version})` : `not a keyledger ${newer.stamp.what}`}`, 'Run the keyledger that wrote it (or newer); nothing was changed', EXIT.dataDir);
        const todo = targets.filter((t) => t.verdict === 'to upgrade');
        if (todo.length === 0)
            return void process.stdout.write('nothing to upgrade\n');
        if (o.check)
            return void process.stdout.write(`would upgrade: ${todo.map((t) => t.name).join(', ')} (after a backup)\n`);
        const lock = lockDataDir(dataDir, 'upgrade', (l) => void process.stderr.write(`${l}\n`));
        try {
            const out = resolve(o.backupOut ?? join(dirname(dataDir), `${basename(dataDir)}-before-upgrade-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`));
            await takeBackup({ dataDir, ...(target.store ? { store: target.store } : {}), out, includeRootKey: false, env: process.env, warn: (l) => void process.stderr.write(`${l}\n`) });
            process.stdout.write(`backup taken first: ${out}\n`);
            for (const t of todo) {
                await t.migrate(t.path);
                process.stdout.write(`${t.name}: upgraded to schema ${t.stamp.version}\n`);
            }
        }
        finally {
            lock.release();
        }
    });
};
