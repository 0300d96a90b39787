import * as E from 'fp-ts/lib/Either.js';
import { badRequest, faultCause, internalFailure, invalidParameter } from "../../domain/errors.js";
import { importedMaterialRefused } from "../../domain/crypto-errors.js";
import { checkImportWrapping } from "./algorithms.js";
import { refOf } from "./call.js";
import { KeyedQueue } from "../keyed-queue.js";
export const IMPORT_TOKEN_LIFETIME_MS = 24 * 3600_000; // API reference §5.11
/** Symmetric material has one length per spec; asymmetric material (PKCS#8) has none fixed. */
const MATERIAL_BYTES = { Aliyun_AES_256: 32, Aliyun_AES_192: 24, Aliyun_AES_128: 16, Aliyun_SM4: 16 };
const unsupportedOrigin = () => badRequest('Unsupported.Origin', 'Only keys with Origin EXTERNAL take imported material.');
/**
 * Removes an uncommitted import's material; undefined when done, else what was left (never silent: the caller's
 * answer says so). What is left is unused (the key has no committed material) and the next import clears it first.
 */
const rolledBack = async (rollback) => {
    let cleared;
    try {
        cleared = await rollback();
    }
    catch (e) {
        cleared = E.left(internalFailure(faultCause(e)));
    }
    return E.isLeft(cleared)
        ? `its material could not be removed (${cleared.left.code}: ${cleared.left.message}) and is left in the executor, unused; the next import clears it`
        : undefined;
};
const isoSeconds = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/**
 * BYOK (API reference §5.11): GetParametersForImport, ImportKeyMaterial, DeleteKeyMaterial. Rules that hold for
 * every executor (software or token) live here:
 * - every refusal of the material itself (unwrap, padding, length, spec, not the key's earlier material) is one
 *   code and one message (`importedMaterialRefused`), so the import is no padding oracle;
 * - a key takes one material for life: after DeleteKeyMaterial only the same comes back, judged by a keyed
 *   fingerprint the transport keeps, written only once KeyMaterialImported is stored;
 * - an import token is spent by the import it served.
 */
export class Byok {
    opener;
    keys;
    transport;
    /** Imports into one key run one at a time in this process, so two different materials cannot race the check. */
    importing = new KeyedQueue();
    constructor(opener, keys, transport) {
        this.opener = opener;
        this.keys = keys;
        this.transport = transport;
    }
    /** `publicKey` is DER SubjectPublicKeyInfo; `tokenExpireTime` is ISO-8601 to the second (API reference §5.1). */
    async getParametersForImport(call, trail, input) {
        const key = await this.opener.openKey(call, input.keyId, 'GetParametersForImport', trail);
        if (E.isLeft(key))
            return key;
        const s = key.right.state;
        if (s.origin !== 'EXTERNAL')
            return E.left(unsupportedOrigin());
        const alg = checkImportWrapping(input.wrappingKeySpec, input.wrappingAlgorithm);
        if (E.isLeft(alg))
            return alg;
        trail.useAlgorithm(alg.right);
        const expiresAt = new Date(call.ctx.now.getTime() + IMPORT_TOKEN_LIFETIME_MS);
        const params = await this.transport.newImportParameters(s.keyId, alg.right, expiresAt);
        return E.map((p) => ({
            keyId: s.keyId, importToken: p.importToken, publicKey: p.publicKey, tokenExpireTime: isoSeconds(expiresAt),
        }))(params);
    }
    /** `keyMaterialExpireUnix`: Unix seconds, 0 or undefined = never expires (API reference §5.11). */
    async importKeyMaterial(call, trail, input) {
        const key = await this.opener.openKey(call, input.keyId, 'ImportKeyMaterial', trail);
        if (E.isLeft(key))
            return key;
        const s = key.right.state;
        if (s.origin !== 'EXTERNAL')
            return E.left(unsupportedOrigin());
        const expire = input.keyMaterialExpireUnix;
        if (expire !== undefined && (!Number.isInteger(expire) || expire < 0))
            return E.left(invalidParameter('KeyMaterialExpireUnix', 'it is Unix seconds, or 0 for never.'));
        const expireAt = expire ? new Date(expire * 1000) : null;
        if (expireAt && expireAt.getTime() <= call.ctx.now.getTime())
            return E.left(invalidParameter('KeyMaterialExpireUnix', 'the expiry must not be in the past'));
        key.right.setVersion(s.versions[0].versionId);
        return this.importing.run(s.keyId, () => this.importInto(call, s, input, expireAt));
    }
    /** The material goes at once; the key returns to PendingImport (API reference §5.2). */
    async deleteKeyMaterial(call, trail, input) {
        const key = await this.opener.openKey(call, input.keyId, 'DeleteKeyMaterial', trail);
        if (E.isLeft(key))
            return key;
        const keyId = key.right.state.keyId;
        const done = await this.keys.execute(keyId, { type: 'DeleteKeyMaterial', now: call.ctx.now.toISOString(), reason: 'deleted' }, call.ctx);
        return E.map(() => ({ keyId }))(done);
    }
    async importInto(call, s, input, expireAt) {
        const expectedBytes = MATERIAL_BYTES[s.spec];
        const unwrapped = await this.transport.unwrapImport(s.keyId, input.importToken, input.encryptedKeyMaterial, call.ctx.now, expectedBytes);
        if (E.isLeft(unwrapped))
            return unwrapped.left.code === 'InvalidKeyMaterial' ? E.left(importedMaterialRefused()) : unwrapped;
        const material = unwrapped.right;
        try {
            // Each check below answers the same refusal: which one failed is not the caller's to learn.
            if (expectedBytes !== undefined && material.length !== expectedBytes)
                return E.left(importedMaterialRefused());
            const same = await this.transport.matchesPreviousImport(s.keyId, material);
            if (E.isLeft(same))
                return same;
            if (!same.right)
                return E.left(importedMaterialRefused());
            const ref = refOf(s, s.versions[0].versionId);
            // A key without committed material may still hold an uncommitted import's (a crash, a failed append): the
            // executors keep a version's first material, so that leftover goes before this import is stored.
            const rollback = () => this.opener.withExecutor(ref, (x) => x.destroyImported(s.keyId));
            if (!s.material.imported) {
                const cleared = await rollback();
                if (E.isLeft(cleared))
                    return cleared;
            }
            const stored = await this.opener.withExecutor(ref, (x) => x.importMaterial(ref, material));
            if (E.isLeft(stored))
                return stored.left.code === 'InvalidKeyMaterial' ? E.left(importedMaterialRefused()) : stored;
            let done;
            try {
                done = await this.keys.execute(s.keyId, {
                    type: 'ImportKeyMaterial', now: call.ctx.now.toISOString(), expireAt: expireAt?.toISOString() ?? null,
                }, call.ctx);
            }
            catch (e) {
                const left = s.material.imported ? undefined : await rolledBack(rollback);
                if (left)
                    return E.left(internalFailure(`ImportKeyMaterial could not be stored (${faultCause(e)}); ${left}`));
                throw e;
            }
            if (E.isLeft(done)) {
                // Rollback: the key refused (it changed meanwhile). First-time material must not stay behind for a key that
                // lacks it; no fingerprint was recorded and the token is not spent.
                const left = s.material.imported ? undefined : await rolledBack(rollback);
                if (left)
                    return E.left(internalFailure(`The key refused the import (${done.left.code}: ${done.left.message}); ${left}`));
                return done;
            }
            const committed = await this.transport.importCommitted(s.keyId, input.importToken, material);
            if (E.isLeft(committed))
                return E.left(internalFailure('The key material was imported, but its fingerprint or the spent token could not be recorded; call DescribeKey.'));
            return E.right({ keyId: s.keyId });
        }
        finally {
            material.fill(0);
        }
    }
}
