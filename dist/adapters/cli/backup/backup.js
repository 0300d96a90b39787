import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { EventStoreFile, dataDirRootKey } from "../../../composition/stores.js";
import * as tar from 'tar';
import { checkMaterial } from "../../data-dir/material-check.js";
import { requireDataDir } from "../../data-dir/guard.js";
import { EXIT, OperatorError } from "../../operator-error.js";
import { openDataDirEventStore } from "../../../composition/event-store.js";
import { SqliteWrappedVault } from "../../vault/sqlite-wrapped-rows.js";
import { EVENTS_FILE, PLAIN_FILES, ROOT_KEY_FILE, SQLITE_FILES, VAULT_FILE } from "./files.js";
import { BACKUP_FORMAT, keyledgerVersion, MANIFEST_FILE, rootKeyFingerprint, sha256File } from "./manifest.js";
const ATTEMPTS = 3;
/** One consistent snapshot of a live SQLite file, copied through the online backup API. */
const snapshot = async (source, target) => {
    for (const f of [target, `${target}-wal`, `${target}-shm`])
        rmSync(f, { force: true }); // a retry starts clean
    const db = new Database(source, { fileMustExist: true });
    try {
        db.pragma('busy_timeout = 10000');
        // All pages in one step: the copy is one read snapshot even while the server appends.
        await db.backup(target, { progress: () => 1 << 30 });
    }
    finally {
        db.close();
    }
};
const sqliteSource = (o, name) => {
    if (name === EVENTS_FILE) {
        if (o.store?.type === 'esdb' || o.store?.type === 'memory')
            return undefined;
        const path = (o.store?.type === 'sqlite' ? o.store.path : undefined) ?? join(o.dataDir, EVENTS_FILE);
        if (!existsSync(path))
            throw new OperatorError('DataDir.FileMissing', `no event store at ${path}`, 'Give the --data-dir or --config of a keyledger server', EXIT.dataDir);
        return path;
    }
    const path = join(o.dataDir, name);
    return existsSync(path) ? path : undefined;
};
/** Copies the SQLite files into `stage`; returns the names copied. Checks the copies against each other. */
const copyDatabases = async (o, stage) => {
    const names = [];
    for (const name of SQLITE_FILES) {
        const source = sqliteSource(o, name);
        if (!source)
            continue;
        await snapshot(source, join(stage, name));
        names.push(name);
    }
    if (!names.includes(EVENTS_FILE) || !names.includes(VAULT_FILE))
        return { names };
    const events = await EventStoreFile.open(join(stage, EVENTS_FILE));
    const vault = SqliteWrappedVault.open(join(stage, VAULT_FILE), { mustExist: true });
    try {
        const checked = await checkMaterial(events, vault, (s) => s.kind !== 'hardware');
        if (E.isLeft(checked))
            throw new OperatorError('Backup.UnreadableEvents', checked.left, 'Check the data dir with keyledger audit verify', EXIT.integrity);
        const first = checked.right.missing[0];
        return first ? { names, missing: `key ${first.keyId} version ${first.versionId}` } : { names };
    }
    finally {
        await vault.close();
        await events.close();
    }
};
const describeFile = async (stage, name, kind) => {
    chmodSync(join(stage, name), 0o600);
    return { name, kind, bytes: statSync(join(stage, name)).size, sha256: await sha256File(join(stage, name)) };
};
export const takeBackup = async (o) => {
    const dataDir = resolve(o.dataDir);
    requireDataDir(dataDir);
    const out = resolve(o.out);
    if (existsSync(out))
        throw new OperatorError('Backup.OutExists', `${out} exists`, 'Give a new file name to --out: a backup never overwrites one', EXIT.usage);
    if (!existsSync(dirname(out)))
        throw new OperatorError('Backup.OutDirMissing', `no directory ${dirname(out)} for --out`, 'Create it first', EXIT.usage);
    if (!o.env['KMS_ROOT_KEY'] && !existsSync(join(dataDir, ROOT_KEY_FILE)))
        throw new OperatorError('DataDir.FileMissing', `no root key at ${join(dataDir, ROOT_KEY_FILE)}`, 'Set KMS_ROOT_KEY as the server has it: the backup records which root key it needs', EXIT.dataDir);
    const rootKey = dataDirRootKey(dataDir, o.env);
    if (E.isLeft(rootKey))
        throw new OperatorError('DataDir.RootKey', rootKey.left, '', EXIT.dataDir);
    const fingerprint = rootKeyFingerprint(rootKey.right);
    const stage = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.partial`);
    mkdirSync(stage, { mode: 0o700 });
    try {
        let copied;
        let attempts = 0;
        for (; attempts < ATTEMPTS;) {
            attempts++;
            copied = await copyDatabases({ ...o, dataDir }, stage);
            if (!copied.missing)
                break;
            o.warn(`Backup.Retry: ${copied.missing} was deleted while the backup ran; copying again`);
        }
        if (!copied || copied.missing)
            throw new OperatorError('Backup.Inconsistent', `after ${ATTEMPTS} attempts the vault copy still lacks the material of ${copied?.missing}`, 'Run keyledger serve on the data dir to see its start-up check, then back up again', EXIT.integrity);
        // Read before hashing: opening a SQLite file may rewrite its header (journal mode).
        let lastPosition = 0;
        let events = 0;
        const esdb = o.store?.type === 'esdb';
        if (copied.names.includes(EVENTS_FILE)) {
            const s = await EventStoreFile.open(join(stage, EVENTS_FILE));
            try {
                lastPosition = await s.headPosition();
                events = (await s.readAll()).length;
            }
            finally {
                await s.close();
            }
        }
        else if (esdb) {
            const s = await openDataDirEventStore(dataDir, o.store);
            try {
                lastPosition = await s.headPosition();
            }
            finally {
                await s.close();
            }
        }
        const files = [];
        for (const name of copied.names)
            files.push(await describeFile(stage, name, 'sqlite'));
        for (const name of PLAIN_FILES) {
            if (!existsSync(join(dataDir, name)))
                continue;
            copyFileSync(join(dataDir, name), join(stage, name));
            files.push(await describeFile(stage, name, 'file'));
        }
        if (o.includeRootKey) {
            o.warn('warning: Backup.RootKeyIncluded: this backup holds the root key: with it, anyone who has the file can decrypt every key. Keep it apart from ordinary backups');
            writeFileSync(join(stage, ROOT_KEY_FILE), `${rootKey.right.toString('base64')}\n`, { mode: 0o600 });
            files.push(await describeFile(stage, ROOT_KEY_FILE, 'file'));
        }
        rootKey.right.fill(0);
        const manifest = {
            format: BACKUP_FORMAT, formatVersion: 1, createdAt: new Date().toISOString(), keyledgerVersion: keyledgerVersion(),
            host: hostname(), dataDir,
            eventStore: { type: esdb ? 'esdb' : 'sqlite', lastPosition, events },
            rootKey: { fingerprint, included: o.includeRootKey },
            files,
        };
        writeFileSync(join(stage, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
        // Written under a temporary name, then linked into place: a crash never leaves a half archive named --out.
        const partial = `${stage}.tar.gz`;
        await tar.create({ file: partial, cwd: stage, gzip: true, portable: true }, [MANIFEST_FILE, ...files.map((f) => f.name)]);
        try {
            chmodSync(partial, 0o600);
            linkSync(partial, out);
        }
        finally {
            unlinkSync(partial);
        }
        return { out, manifest, attempts };
    }
    finally {
        rmSync(stage, { recursive: true, force: true });
    }
};
