import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { EventStoreFile, KeyVaultFile } from "../../../composition/stores.js";
import * as tar from 'tar';
import { auditVerify } from "../audit.js";
import { checkMaterial } from "../../data-dir/material-check.js";
import { lockDataDir } from "../../data-dir/guard.js";
import { LOCK_FILE } from "../../data-dir/lock.js";
import { EXIT, OperatorError } from "../../operator-error.js";
import { decodeRootKey } from "../../root-key.js";
import { SqliteWrappedVault } from "../../vault/sqlite-wrapped-rows.js";
import { EVENTS_FILE, ROOT_KEY_FILE, VAULT_FILE } from "./files.js";
import { MANIFEST_FILE, Manifest, rootKeyFingerprint, sha256File } from "./manifest.js";
const integrity = (code, what, todo) => new OperatorError(code, what, todo, EXIT.integrity);
/** DIR may not exist, or hold only a root.key the operator put there (and our own lock). */
const checkTarget = (dir) => {
    if (!existsSync(dir))
        return;
    const other = readdirSync(dir).filter((n) => n !== ROOT_KEY_FILE && n !== LOCK_FILE);
    if (other.length > 0)
        throw new OperatorError('Restore.TargetNotEmpty', `${dir} is not empty (${other.slice(0, 3).join(', ')}${other.length > 3 ? ', …' : ''})`, 'Restore into a new or empty directory (it may hold only the root.key): a restore never overwrites a data dir', EXIT.dataDir);
};
const readManifest = (stage) => {
    let u;
    try {
        u = JSON.parse(readFileSync(join(stage, MANIFEST_FILE), 'utf8'));
    }
    catch {
        throw integrity('Restore.NoManifest', `the archive has no readable ${MANIFEST_FILE}`, 'Is this a keyledger backup? It is made by keyledger backup');
    }
    const m = Manifest.decode(u);
    if (E.isLeft(m))
        throw integrity('Restore.BadManifest', `${MANIFEST_FILE} is not a keyledger backup manifest (format 1)`, 'A newer keyledger may have made it: restore with that version');
    return m.right;
};
const checkHashes = async (stage, m) => {
    const listed = new Set(m.files.map((f) => f.name));
    const extra = readdirSync(stage).filter((n) => n !== MANIFEST_FILE && !listed.has(n));
    if (extra.length)
        throw integrity('Restore.UnlistedFile', `the archive holds ${extra[0]}, which its manifest does not list`, 'The archive was altered: use another backup');
    for (const f of m.files) {
        const path = join(stage, f.name);
        if (!existsSync(path))
            throw integrity('Restore.MissingFile', `the archive lacks ${f.name}, which its manifest lists`, 'The archive is incomplete: use another backup');
        const sha = await sha256File(path);
        if (sha !== f.sha256)
            throw integrity('Restore.HashMismatch', `${f.name} does not match its SHA-256 in the manifest (${sha} is not ${f.sha256})`, 'The archive was damaged or altered: use another backup');
    }
};
const rootKeyFor = (dir, stage, m, env) => {
    const candidates = [];
    if (env['KMS_ROOT_KEY'])
        candidates.push({ text: env['KMS_ROOT_KEY'], from: 'KMS_ROOT_KEY' });
    else if (existsSync(join(dir, ROOT_KEY_FILE)))
        candidates.push({ text: readFileSync(join(dir, ROOT_KEY_FILE), 'utf8'), from: join(dir, ROOT_KEY_FILE) });
    else if (m.rootKey.included)
        candidates.push({ text: readFileSync(join(stage, ROOT_KEY_FILE), 'utf8'), from: 'the backup (--include-root-key)' });
    const c = candidates[0];
    if (!c)
        throw new OperatorError('Restore.NoRootKey', `no root key: the backup needs the root key with fingerprint ${m.rootKey.fingerprint}`, `Set KMS_ROOT_KEY, or put the root key file at ${join(dir, ROOT_KEY_FILE)} (mode 0600), as the server will have it`, EXIT.dataDir);
    const key = decodeRootKey(c.text, c.from);
    if (E.isLeft(key))
        throw new OperatorError('Restore.BadRootKey', key.left.message, '', EXIT.dataDir);
    const fp = rootKeyFingerprint(key.right);
    if (fp !== m.rootKey.fingerprint)
        throw integrity('Restore.WrongRootKey', `the root key from ${c.from} has fingerprint ${fp}; the backup needs ${m.rootKey.fingerprint}`, 'Give the root key of the server the backup was taken from');
    return { key: key.right, from: c.from };
};
export const restoreBackup = async (o) => {
    const file = resolve(o.file);
    const dir = resolve(o.dataDir);
    if (!existsSync(file))
        throw new OperatorError('Restore.NoArchive', `no backup at ${file}`, '', EXIT.dataDir);
    checkTarget(dir);
    const created = !existsSync(dir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let restored = false;
    const lock = lockDataDir(dir, 'restore', o.warn);
    const stage = join(dir, `.restore-${randomBytes(6).toString('hex')}`);
    try {
        mkdirSync(stage, { mode: 0o700 });
        try {
            await tar.extract({ file, cwd: stage, strict: true, preservePaths: false });
        }
        catch (e) {
            throw integrity('Restore.UnreadableArchive', `${file} is not a readable gzip'd tar archive (${e.message})`, 'Use another backup');
        }
        const m = readManifest(stage);
        await checkHashes(stage, m);
        const root = rootKeyFor(dir, stage, m, o.env);
        const names = m.files.map((f) => f.name);
        let keys = 0;
        let versions = 0;
        if (names.includes(VAULT_FILE)) {
            const vault = KeyVaultFile.open(join(stage, VAULT_FILE), root.key);
            if (E.isLeft(vault))
                throw integrity('Config.WrongRootKey', `the root key from ${root.from} does not open the vault in the backup`, 'Give the root key of the server the backup was taken from');
            await vault.right.close();
        }
        if (names.includes(EVENTS_FILE)) {
            const events = await EventStoreFile.open(join(stage, EVENTS_FILE));
            try {
                const head = await events.headPosition();
                if (head !== m.eventStore.lastPosition)
                    throw integrity('Restore.PositionMismatch', `the events end at position ${head}, the manifest says ${m.eventStore.lastPosition}`, 'Use another backup');
                const verified = await auditVerify(events, {}, 'table');
                if (!verified.ok)
                    throw integrity('Restore.AuditFailed', `audit verify fails on the backup's events: ${verified.text.split('\n')[0]}`, 'Use another backup');
                if (names.includes(VAULT_FILE)) {
                    const vault = SqliteWrappedVault.open(join(stage, VAULT_FILE), { mustExist: true });
                    try {
                        const checked = await checkMaterial(events, vault, (s) => s.kind !== 'hardware');
                        if (E.isLeft(checked))
                            throw integrity('Restore.UnreadableEvents', checked.left, 'Use another backup');
                        const first = checked.right.missing[0];
                        if (first)
                            throw integrity('DataDir.MissingMaterial', `the backup's vault lacks the material of key ${first.keyId} version ${first.versionId}`, 'Use another backup');
                        keys = checked.right.keys;
                        versions = checked.right.versions;
                    }
                    finally {
                        await vault.close();
                    }
                }
            }
            finally {
                await events.close();
            }
        }
        root.key.fill(0);
        // Every check passed: move the files in. root.key from the backup only when the operator gave none.
        for (const name of names) {
            if (name === ROOT_KEY_FILE && (o.env['KMS_ROOT_KEY'] || existsSync(join(dir, ROOT_KEY_FILE))))
                continue;
            renameSync(join(stage, name), join(dir, name));
            chmodSync(join(dir, name), 0o600);
        }
        restored = true;
        if (m.rootKey.included && !o.env['KMS_ROOT_KEY'])
            o.warn(`note: the root key came with the backup and is now ${join(dir, ROOT_KEY_FILE)} (0600)`);
        return {
            dataDir: dir, keys, versions, events: m.eventStore.events, lastPosition: m.eventStore.lastPosition, files: names,
            rootKeyFrom: root.from, eventStore: m.eventStore.type,
        };
    }
    finally {
        rmSync(stage, { recursive: true, force: true });
        lock.release();
        // A refused restore leaves no new, empty data dir behind for a later command to mistake for a real one.
        if (!restored && created)
            try {
                rmdirSync(dir);
            }
            catch { /* not empty: leave it */ }
    }
};
/** What `keyledger restore` prints: what came back, and what to run next. */
export const restoreSummary = (r) => [
    `restored ${r.keys} key(s), ${r.versions} live key version(s) and ${r.events} event(s) (up to position ${r.lastPosition}) into ${r.dataDir}`,
    `files: ${r.files.join(', ')}; root key from ${r.rootKeyFrom}; audit verify: every hash chain is intact`,
    ...(r.eventStore === 'esdb' ? ['the events are in EventStoreDB: restore its own backup first (docs/operations.md#eventstoredb)'] : []),
    `start the server with: keyledger serve --data-dir ${r.dataDir}`,
].join('\n');
