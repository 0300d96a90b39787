import { StreamDeletedError, StreamNotFoundError } from '@eventstore/db-client';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { VAULT_STREAM_PREFIX } from "../store/esdb/events.js";
import { DEFAULT_BACKOFF, retryWhileUnavailable } from "../store/esdb/backoff.js";
// The EventStoreDB vault's streams and event shapes, shared by the vault (esdb-vault.ts) and the copy tool's
// wrapped-row view of it (esdb-wrapped-rows.ts), so neither imports the other's module for them.
export const VAULT_ROOT_CHECK_STREAM = `${VAULT_STREAM_PREFIX}rootcheck`;
export const vaultStream = (keyId) => `${VAULT_STREAM_PREFIX}${keyId}`;
export const vaultImportedStream = (keyId) => `${vaultStream(keyId)}.imported`;
export const vaultTokenStream = (keyId) => `${vaultStream(keyId)}.tokens`;
export const Wrapped = t.type({ iv: t.string, tag: t.string, ciphertext: t.string });
export const MaterialWrapped = t.intersection([Wrapped, t.type({ versionId: t.string, kind: t.keyof({ raw: null, pkcs8: null }), imported: t.boolean })]);
export const ImportFingerprintRecorded = t.type({ fingerprint: t.string });
export const toJson = (w) => ({ iv: w.iv.toString('base64'), tag: w.tag.toString('base64'), ciphertext: w.ciphertext.toString('base64') });
export const fromJson = (w) => ({ iv: Buffer.from(w.iv, 'base64'), tag: Buffer.from(w.tag, 'base64'), ciphertext: Buffer.from(w.ciphertext, 'base64') });
export const decodeAs = (codec, e) => {
    const r = codec.decode(e.data);
    return E.isRight(r) ? r.right : undefined;
};
/** A write to a destroyed key's (tombstoned) stream. */
export class VaultStreamDestroyed extends Error {
    constructor(stream) {
        super(`the vault stream ${stream} was destroyed (tombstoned): its key was deleted`);
    }
}
/**
 * A vault stream's events; none when it does not exist. `strict`: a tombstoned stream throws (writes must not go
 * on). Read again, whole, while the server is unreachable.
 */
export const readVaultStream = async (client, stream, strict = false, backoff = DEFAULT_BACKOFF) => {
    try {
        return await retryWhileUnavailable(backoff, async () => {
            const out = [];
            for await (const r of client.readStream(stream))
                if (r.event?.isJson)
                    out.push({ type: r.event.type, data: r.event.data, revision: r.event.revision });
            return out;
        });
    }
    catch (e) {
        if (e instanceof StreamNotFoundError)
            return [];
        if (e instanceof StreamDeletedError) {
            if (strict)
                throw new VaultStreamDestroyed(stream);
            return [];
        }
        throw e;
    }
};
