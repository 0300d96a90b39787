import { ANY, jsonEvent, NO_STREAM, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError, } from '@eventstore/db-client';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { internalFailure } from "../../domain/errors.js";
import { DEFAULT_BACKOFF, retryWhileUnavailable } from "../store/esdb/backoff.js";
import { rowAad, unwrap, wrap } from "./wrap.js";
import { esdbVaultKeyIds, esdbVaultRows, esdbVaultTokenKeyIds } from "./esdb-wrapped-rows.js";
import { decodeAs, fromJson, ImportFingerprintRecorded, MaterialWrapped, readVaultStream, toJson, VAULT_ROOT_CHECK_STREAM, vaultImportedStream, vaultStream, vaultTokenStream, VaultStreamDestroyed, Wrapped, } from "./esdb-vault-streams.js";
export { vaultImportedStream, vaultStream, vaultTokenStream, VaultStreamDestroyed } from "./esdb-vault-streams.js";
// The vault of several API nodes on one EventStoreDB (docs/esdb.md, "Running on an EventStoreDB cluster"): the
// same wrapped rows as SqliteKeyVault (AES-256-GCM under the shared root key, the same AAD: wrap.ts), kept as
// JSON events in streams of the event store's database, never the plaintext:
//   vault-<keyId>            MaterialWrapped (generated versions), ImportFingerprintRecorded
//   vault-<keyId>.imported   MaterialWrapped (imported, BYOK): soft-deleted by DeleteKeyMaterial and expiry
//   vault-<keyId>.tokens     ImportTokenWrapped (GetParametersForImport), ImportTokenSpent (its import committed:
//                            tokens are single-use), $maxAge 2 days
//   vault-rootcheck          RootKeyCheck: a start with another root key is refused
// (`rootcheck` is no key id: those are `key-…` or UUIDs.) These streams are not the event log: the store adapter
// hides them from every read of `$all` (adapters/store/esdb/events.ts), so projections, audit, reports and
// `store copy` never see them, and they carry no hash chain.
//
// Crypto-shredding: destroying a key TOMBSTONES its three streams (hard delete: reads and appends answer
// StreamDeleted for ever). On a real server the events stay in the database files, and in `$all`, until a
// SCAVENGE rewrites the chunks; backups keep them until they expire. Operators schedule scavenges (docs/esdb.md).
/** Import tokens live 24 h; the server drops older ones from reads, and from disk at a scavenge. */
const TOKEN_STREAM_MAX_AGE_SECONDS = 2 * 24 * 3600;
const ROOT_CHECK = Buffer.from('keyledger root key check');
const CONFLICT_RETRIES = 20;
const ImportTokenWrapped = t.intersection([Wrapped, t.type({ tokenId: t.string, algorithm: t.string, expiresAt: t.string })]);
const ImportTokenSpent = t.type({ tokenId: t.string });
export class EsdbKeyVault {
    client;
    rootKey;
    fingerprintKey;
    options;
    backoff;
    constructor(client, rootKey, fingerprintKey, options, backoff) {
        this.client = client;
        this.rootKey = rootKey;
        this.fingerprintKey = fingerprintKey;
        this.options = options;
        this.backoff = backoff;
    }
    /** Checks the root key against `vault-rootcheck` (made by the first node): a wrong key stops the start. */
    static async open(client, rootKey, options = {}) {
        const key = Buffer.from(rootKey); // the caller may wipe its copy after the start
        const aad = rowAad('root-check');
        // A node started before its database is up waits out the backoff here rather than failing at once.
        const backoff = options.backoff ?? DEFAULT_BACKOFF;
        for (let attempt = 0;; attempt++) {
            const [check] = await readVaultStream(client, VAULT_ROOT_CHECK_STREAM, false, backoff);
            const wrapped = check && decodeAs(Wrapped, check);
            if (check) {
                const plain = wrapped && unwrap(key, fromJson(wrapped), aad);
                if (!plain || !plain.equals(ROOT_CHECK))
                    return E.left({ code: 'Config.WrongRootKey', httpStatus: 500, message: `The root key does not open the vault in EventStoreDB (${VAULT_ROOT_CHECK_STREAM}): every node must be given the same KMS_ROOT_KEY.` });
                break;
            }
            const appended = await appendExpecting(client, VAULT_ROOT_CHECK_STREAM, NO_STREAM, 'RootKeyCheck', toJson(wrap(key, ROOT_CHECK, aad)), backoff);
            if (appended === true || attempt >= 1)
                break; // lost the race to another node: read its check once more
        }
        const fingerprintKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'keyledger/imported-fingerprint/v1', 32));
        return E.right(new EsdbKeyVault(client, key, fingerprintKey, options, backoff));
    }
    async put(keyId, versionId, kind, material, imported) {
        const stream = imported ? vaultImportedStream(keyId) : vaultStream(keyId);
        const w = wrap(this.rootKey, material, rowAad('material', keyId, versionId, kind));
        await this.appendUnless(stream, 'MaterialWrapped', { versionId, kind, imported, ...toJson(w) }, (events) => events.some((e) => e.type === 'MaterialWrapped' && decodeAs(MaterialWrapped, e)?.versionId === versionId));
    }
    async get(keyId, versionId) {
        for (const stream of [vaultStream(keyId), vaultImportedStream(keyId)]) {
            for (const e of await readVaultStream(this.client, stream, false, this.backoff)) {
                const m = e.type === 'MaterialWrapped' ? decodeAs(MaterialWrapped, e) : undefined;
                if (!m || m.versionId !== versionId)
                    continue;
                const material = unwrap(this.rootKey, fromJson(m), rowAad('material', keyId, versionId, m.kind));
                if (!material)
                    return E.left(internalFailure(`The vault event of ${keyId}/${versionId} does not unwrap: it was altered or moved.`));
                return E.right({ kind: m.kind, material, imported: m.imported });
            }
        }
        return E.right(undefined);
    }
    /** True when the key has no fingerprint yet; else whether the material is the first committed import's. */
    async matchesImportedFingerprint(keyId, material) {
        const recorded = await this.recordedFingerprint(keyId);
        if (!recorded)
            return true;
        const fp = this.fingerprint(keyId, material);
        return recorded.length === fp.length && timingSafeEqual(recorded, fp);
    }
    /** After a committed import; the first fingerprint in `vault-<keyId>` wins (two nodes racing write it once). */
    async recordImportedFingerprint(keyId, material) {
        await this.appendUnless(vaultStream(keyId), 'ImportFingerprintRecorded', { fingerprint: this.fingerprint(keyId, material).toString('base64') }, (events) => events.some((e) => e.type === 'ImportFingerprintRecorded'));
    }
    async recordedFingerprint(keyId) {
        const e = (await readVaultStream(this.client, vaultStream(keyId), false, this.backoff)).find((x) => x.type === 'ImportFingerprintRecorded');
        const f = e && decodeAs(ImportFingerprintRecorded, e);
        return f ? Buffer.from(f.fingerprint, 'base64') : undefined;
    }
    /** The same keyed fingerprint as SqliteKeyVault's (same derived key, same input): rows move between the two. */
    fingerprint(keyId, material) {
        return createHmac('sha256', this.fingerprintKey).update(keyId).update('\0').update(material).digest();
    }
    async destroyKey(keyId) {
        for (const stream of [vaultStream(keyId), vaultImportedStream(keyId), vaultTokenStream(keyId)])
            await tombstone(this.client, stream, this.backoff);
    }
    async destroyImported(keyId) {
        // A soft delete: the events go at the next scavenge, and a re-import (same material, checked against the
        // fingerprint kept in vault-<keyId>) writes the stream again, its numbering continuing.
        // Retried after a lost answer, the delete finds the stream deleted already: the same outcome.
        try {
            await retryWhileUnavailable(this.backoff, () => this.client.deleteStream(vaultImportedStream(keyId), { expectedRevision: ANY }));
        }
        catch (e) {
            if (!(e instanceof StreamNotFoundError) && !(e instanceof StreamDeletedError))
                throw e;
        }
    }
    async putImportToken(tok) {
        const stream = vaultTokenStream(tok.keyId);
        const w = wrap(this.rootKey, tok.privateKeyPkcs8, rowAad('import-token', tok.tokenId, tok.keyId, tok.algorithm, tok.expiresAt));
        // At the exact revision read (so a re-sent append is an idempotent retry, never a second copy of the token).
        const created = await this.appendUnless(stream, 'ImportTokenWrapped', { tokenId: tok.tokenId, algorithm: tok.algorithm, expiresAt: tok.expiresAt, ...toJson(w) }, (events) => events.some((e) => e.type === 'ImportTokenWrapped' && decodeAs(ImportTokenWrapped, e)?.tokenId === tok.tokenId));
        // Metadata is the whole `$$` event each time: writing it twice (a retry) sets the same thing.
        if (created)
            await retryWhileUnavailable(this.backoff, () => this.client.setStreamMetadata(stream, { maxAge: TOKEN_STREAM_MAX_AGE_SECONDS }));
    }
    async getImportToken(keyId, tokenId) {
        const events = await readVaultStream(this.client, vaultTokenStream(keyId), false, this.backoff);
        if (events.some((e) => e.type === 'ImportTokenSpent' && decodeAs(ImportTokenSpent, e)?.tokenId === tokenId))
            return E.right(undefined);
        for (const e of events) {
            const tok = e.type === 'ImportTokenWrapped' ? decodeAs(ImportTokenWrapped, e) : undefined;
            if (!tok || tok.tokenId !== tokenId)
                continue;
            const pk = unwrap(this.rootKey, fromJson(tok), rowAad('import-token', tokenId, keyId, tok.algorithm, tok.expiresAt));
            if (!pk)
                return E.left(internalFailure(`The import token ${tokenId} does not unwrap: it was altered.`));
            return E.right({ tokenId, keyId, algorithm: tok.algorithm, expiresAt: tok.expiresAt, privateKeyPkcs8: pk });
        }
        return E.right(undefined);
    }
    /**
     * Spends a token (single-use). A stream cannot drop one event, and deleting `vault-<keyId>.tokens` would take
     * the key's other outstanding tokens with it: an `ImportTokenSpent` marker makes getImportToken ignore it; the
     * wrapped token itself goes with the stream's `$maxAge` (2 days; from disk at a scavenge), or with the key.
     * A destroyed key's tombstoned stream takes nothing more: the token is gone already.
     */
    async deleteImportToken(keyId, tokenId) {
        const stream = vaultTokenStream(keyId);
        const events = await readVaultStream(this.client, stream, false, this.backoff);
        if (!events.some((e) => e.type === 'ImportTokenWrapped' && decodeAs(ImportTokenWrapped, e)?.tokenId === tokenId))
            return;
        try {
            await this.appendUnless(stream, 'ImportTokenSpent', { tokenId }, (events) => events.some((e) => e.type === 'ImportTokenSpent' && decodeAs(ImportTokenSpent, e)?.tokenId === tokenId));
        }
        catch (e) {
            if (!(e instanceof VaultStreamDestroyed))
                throw e;
        }
    }
    /**
     * Keys with material or a fingerprint (wrapped-rows.ts; tombstoned keys list nothing). It reads `$all` once,
     * whole: a tool's call (`vault copy`) or the shredding reconciliation's (SoftwareExecutor.heldKeyIds, every
     * 15 minutes by default and at start), never a request's. On a large log, space that job out (docs/esdb.md).
     */
    async keyIds() {
        return esdbVaultKeyIds(this.client, this.backoff);
    }
    /** The key's rows as stored, still wrapped. */
    async wrappedRows(keyId) {
        return esdbVaultRows(this.client, keyId, this.backoff);
    }
    /** Nothing to do: token streams carry `$maxAge`, so the server drops expired tokens (from disk at a scavenge). */
    async deleteExpiredImportTokens(_now) { }
    /** Keys whose token stream still reads an event (within `$maxAge`); reads `$all` once, as keyIds does. */
    async importTokenKeyIds() {
        return esdbVaultTokenKeyIds(this.client, this.backoff);
    }
    async close() {
        this.rootKey.fill(0);
        this.fingerprintKey.fill(0);
        if (!this.options.sharedClient)
            await this.client.dispose();
    }
    /**
     * Appends one event unless `present` already holds for the stream, with the exact revision read: two nodes
     * racing to record the same thing write it once. A tombstoned stream (a destroyed key) takes nothing more.
     * True when this append created the stream. A stream whose events all aged out (`$maxAge`) reads empty but
     * exists: the conflict's actual revision is the one to expect next.
     */
    async appendUnless(stream, type, data, present) {
        let actual;
        for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            const events = await readVaultStream(this.client, stream, true, this.backoff);
            if (present(events))
                return false;
            const last = events.at(-1)?.revision ?? actual;
            const expected = last ?? NO_STREAM;
            const appended = await appendExpecting(this.client, stream, expected, type, data, this.backoff);
            if (appended === true)
                return expected === NO_STREAM;
            actual = appended.actual;
        }
        throw new Error(`the vault stream ${stream} kept changing under ${CONFLICT_RETRIES} attempts`);
    }
}
/**
 * true when written; else another writer got there first (`actual`: the stream's revision, when it has one).
 * The event is made once, outside the retry: re-sent after a lost answer it carries the same id at the same
 * expected revision, which the server answers as an idempotent retry.
 */
export const appendExpecting = async (client, stream, expected, type, data, backoff = DEFAULT_BACKOFF) => {
    const event = jsonEvent({ type, data: data });
    try {
        await retryWhileUnavailable(backoff, () => client.appendToStream(stream, event, { expectedRevision: expected }));
        return true;
    }
    catch (e) {
        if (e instanceof WrongExpectedVersionError)
            return { actual: typeof e.actualVersion === 'bigint' ? e.actualVersion : undefined };
        if (e instanceof StreamDeletedError)
            throw new VaultStreamDestroyed(stream);
        throw e;
    }
};
const tombstone = async (client, stream, backoff) => {
    try {
        await retryWhileUnavailable(backoff, () => client.tombstoneStream(stream, { expectedRevision: ANY }));
    }
    catch (e) {
        if (!(e instanceof StreamDeletedError))
            throw e; // already tombstoned: destroyed before (or by the retried call)
    }
};
