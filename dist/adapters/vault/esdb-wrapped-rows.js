import { EventStoreDBClient, FORWARDS, jsonEvent, NO_STREAM, START, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError, } from '@eventstore/db-client';
import { VAULT_STREAM_PREFIX } from "../store/esdb/events.js";
import { DEFAULT_BACKOFF, retryWhileUnavailable } from "../store/esdb/backoff.js";
import { decodeAs, fromJson, ImportFingerprintRecorded, MaterialWrapped, readVaultStream, toJson, VAULT_ROOT_CHECK_STREAM, vaultImportedStream, vaultStream, vaultTokenStream, Wrapped, } from "./esdb-vault-streams.js";
import { missingRows, sortRows } from "./wrapped-rows.js";
// EventStoreDB's `vault-` streams as stored, without the root key (wrapped-rows.ts): EsdbKeyVault lists through
// these functions, and EsdbWrappedVault opens a database for `vault copy`. Rows are the events EsdbKeyVault
// writes (`MaterialWrapped`, `ImportFingerprintRecorded`), with the same JSON: a copied row is read by any node.
const ALL_PAGE = 500;
const KEY_STREAM_SUFFIXES = ['.imported', '.tokens'];
/**
 * Key ids named by `vault-` streams in `$all`. There is no index of streams by prefix without server projections,
 * so `$all` is read once, whole (the copy's cost grows with the log, usage events included). On a real server a
 * destroyed key's events stay in `$all` until a scavenge: callers read the key's streams, which answer "deleted".
 */
const vaultKeyIdsInAll = async (client, backoff) => {
    const ids = new Set();
    let from = START;
    for (;;) {
        const start = from;
        // One page, read again whole while the server is unreachable (the ids it adds are a set: a re-read adds nothing).
        const { received, last } = await retryWhileUnavailable(backoff, async () => {
            let received = 0;
            let last;
            for await (const r of client.readAll({ fromPosition: start, maxCount: ALL_PAGE, direction: FORWARDS })) {
                received++;
                const e = r.event;
                if (!e)
                    continue;
                // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the client leaves position undefined on some events, whatever its typings say
                if (e.position && start !== START && e.position.commit === start.commit && e.position.prepare === start.prepare)
                    continue;
                // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the client leaves position undefined on some events, whatever its typings say
                if (e.position)
                    last = e.position;
                const s = e.streamId;
                if (!s.startsWith(VAULT_STREAM_PREFIX) || s === VAULT_ROOT_CHECK_STREAM)
                    continue;
                const suffix = KEY_STREAM_SUFFIXES.find((x) => s.endsWith(x));
                ids.add(s.slice(VAULT_STREAM_PREFIX.length, suffix ? s.length - suffix.length : s.length));
            }
            return { received, last };
        });
        if (received < ALL_PAGE || !last)
            return ids;
        from = last;
    }
};
/** The key's rows in the order EsdbKeyVault reads them: the first event of a version (or fingerprint) wins. */
const rowsOf = (keyId, events) => {
    const out = [];
    const seen = new Set();
    for (const e of events) {
        if (e.type === 'MaterialWrapped') {
            const m = decodeAs(MaterialWrapped, e);
            if (!m || seen.has(m.versionId))
                continue;
            seen.add(m.versionId);
            out.push({ type: 'material', keyId, versionId: m.versionId, kind: m.kind, imported: m.imported, wrapped: fromJson(m) });
        }
        else if (e.type === 'ImportFingerprintRecorded' && !seen.has('fingerprint')) {
            const f = decodeAs(ImportFingerprintRecorded, e);
            if (!f)
                continue;
            seen.add('fingerprint');
            out.push({ type: 'fingerprint', keyId, fingerprint: Buffer.from(f.fingerprint, 'base64') });
        }
    }
    return out;
};
export const esdbVaultRows = async (client, keyId, backoff = DEFAULT_BACKOFF) => sortRows(rowsOf(keyId, [
    ...(await readVaultStream(client, vaultStream(keyId), false, backoff)), ...(await readVaultStream(client, vaultImportedStream(keyId), false, backoff)),
]));
export const esdbVaultKeyIds = async (client, backoff = DEFAULT_BACKOFF) => {
    const out = [];
    for (const keyId of [...(await vaultKeyIdsInAll(client, backoff))].sort())
        if ((await esdbVaultRows(client, keyId, backoff)).length > 0)
            out.push(keyId);
    return out;
};
export const esdbVaultTokenKeyIds = async (client, backoff = DEFAULT_BACKOFF) => {
    const out = [];
    for (const keyId of [...(await vaultKeyIdsInAll(client, backoff))].sort())
        if ((await readVaultStream(client, vaultTokenStream(keyId), false, backoff)).length > 0)
            out.push(keyId);
    return out;
};
const rowData = (r) => r.type === 'material'
    ? { versionId: r.versionId, kind: r.kind, imported: r.imported, ...toJson(r.wrapped) }
    : { fingerprint: r.fingerprint.toString('base64') };
/** Every event of a stream's append goes in at once, at the exact revision read: a concurrent writer stops the copy. */
const appendRows = async (client, stream, after, rows) => {
    if (rows.length === 0)
        return;
    const last = after.at(-1);
    // Made once: re-sent while the server is unreachable, the same ids at the same revision are an idempotent retry.
    const events = rows.map((r) => jsonEvent({ type: r.type === 'material' ? 'MaterialWrapped' : 'ImportFingerprintRecorded', data: rowData(r) }));
    try {
        await retryWhileUnavailable(DEFAULT_BACKOFF, () => client.appendToStream(stream, events, { expectedRevision: last ? last.revision : NO_STREAM }));
    }
    catch (e) {
        if (e instanceof WrongExpectedVersionError)
            throw new Error(`another writer changed ${stream} during the copy: run the copy again`);
        throw e;
    }
};
/** The `vault-` streams of an EventStoreDB, opened without the root key. */
export class EsdbWrappedVault {
    client;
    location;
    constructor(client, location) {
        this.client = client;
        this.location = location;
    }
    static open(connectionString) {
        return new EsdbWrappedVault(EventStoreDBClient.connectionString(connectionString), `the EventStoreDB vault (${VAULT_STREAM_PREFIX}streams)`);
    }
    keyIds() {
        return esdbVaultKeyIds(this.client);
    }
    wrappedRows(keyId) {
        return esdbVaultRows(this.client, keyId);
    }
    /** A destroyed key's streams are tombstoned (EsdbKeyVault.destroyKey): they answer StreamDeleted for ever. */
    async destroyed(keyId) {
        try {
            // Read to the end (one event): leaving the client's read stream early with `break` left it hanging.
            await retryWhileUnavailable(DEFAULT_BACKOFF, async () => {
                for await (const _ of this.client.readStream(vaultStream(keyId), { maxCount: 1 })) { /* drained */ }
            });
            return false;
        }
        catch (e) {
            if (e instanceof StreamDeletedError)
                return true;
            if (e instanceof StreamNotFoundError)
                return false;
            throw e;
        }
    }
    async rootCheck() {
        const [check] = await readVaultStream(this.client, VAULT_ROOT_CHECK_STREAM);
        const w = check && decodeAs(Wrapped, check);
        return w ? fromJson(w) : undefined;
    }
    async putRootCheck(w) {
        const event = jsonEvent({ type: 'RootKeyCheck', data: toJson(w) });
        try {
            await retryWhileUnavailable(DEFAULT_BACKOFF, () => this.client.appendToStream(VAULT_ROOT_CHECK_STREAM, event, { expectedRevision: NO_STREAM }));
        }
        catch (e) {
            if (e instanceof WrongExpectedVersionError)
                throw new Error(`${VAULT_ROOT_CHECK_STREAM} was written by someone else during the copy: run the copy again`);
            throw e;
        }
    }
    /** Checks every row first; then the key's generated material and fingerprint go in one append, imported material in another. */
    async addRows(keyId, rows) {
        const main = await readVaultStream(this.client, vaultStream(keyId), true);
        const imported = await readVaultStream(this.client, vaultImportedStream(keyId), true);
        const missing = missingRows(keyId, rows, rowsOf(keyId, [...main, ...imported]), this.location);
        await appendRows(this.client, vaultStream(keyId), main, missing.filter((r) => r.type === 'fingerprint' || !r.imported));
        await appendRows(this.client, vaultImportedStream(keyId), imported, missing.filter((r) => r.type === 'material' && r.imported));
        return missing.length;
    }
    async close() {
        await this.client.dispose();
    }
}
